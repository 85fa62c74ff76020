using Bunit;
using KB.Web.Components.Layout;
using KB.Web.Features.Accounts;

namespace KB.Tests.Components;

public class ThemeSwitchTests : ComponentTestContext
{
    [Theory]
    [InlineData(ThemeMode.System, "Use the light theme", ThemeMode.Light)]
    [InlineData(ThemeMode.Light, "Use the dark theme", ThemeMode.Dark)]
    [InlineData(ThemeMode.Dark, "Follow the system theme", ThemeMode.System)]
    public void The_button_says_what_a_click_does_and_raises_the_next_mode(ThemeMode mode, string label, ThemeMode next)
    {
        ThemeMode? raised = null;
        var button = Context.Render<ThemeSwitch>(parameters => parameters
            .Add(x => x.Mode, mode)
            .Add(x => x.ModeChanged, chosen => raised = chosen));

        var element = button.Find($"button[aria-label='{label}']");
        element.Click();

        Assert.Equal(next, raised);
    }

    [Fact]
    public void The_button_is_disabled_until_the_page_is_live()
    {
        Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var button = Context.Render<ThemeSwitch>(parameters => parameters.Add(x => x.Mode, ThemeMode.System));

        Assert.True(button.Find("button").HasAttribute("disabled"));
    }
}
