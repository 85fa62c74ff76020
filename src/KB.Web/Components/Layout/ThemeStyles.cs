using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace KB.Web.Components.Layout;

/// <summary>
/// The style elements <see cref="MudThemeProvider"/> writes for the app's theme, made once per palette. A page that
/// is rendered before it turns interactive shows these instead of building a provider: that provider's palette CSS
/// was an eighth of an article page's cost, the same 12 KB every time.
/// </summary>
public sealed class ThemeStyles(IServiceScopeFactory scopes, ILoggerFactory loggerFactory)
{
    private readonly Lazy<Task<MarkupString>> _light = new(() => RenderAsync(scopes, loggerFactory, dark: false));
    private readonly Lazy<Task<MarkupString>> _dark = new(() => RenderAsync(scopes, loggerFactory, dark: true));

    public Task<MarkupString> ForAsync(bool dark) => (dark ? _dark : _light).Value;

    private static async Task<MarkupString> RenderAsync(IServiceScopeFactory scopes, ILoggerFactory loggerFactory, bool dark)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = AppTheme.Default,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
            });
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(parameters);
            return output.ToHtmlString();
        });
        return new MarkupString(html);
    }
}
