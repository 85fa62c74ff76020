using MudBlazor;

namespace KB.Web.Components;

/// <summary>The one theme of the app: a light and a dark palette (on-call happens at night) and system fonts.</summary>
public static class AppTheme
{
    private static readonly string[] SystemFonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Default { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fbf",
            Secondary = "#c62828",
            AppbarBackground = "#161b22",
            AppbarText = "#ffffff",
            Background = "#f5f6f8",
            DrawerBackground = "#ffffff",
            TextPrimary = "#1b1f24",
            TextSecondary = "#5b6470",
            LinesDefault = "#d8dde3",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7aa7ff",
            Secondary = "#ef5350",
            AppbarBackground = "#0d1117",
            AppbarText = "#e6edf3",
            Background = "#0f141a",
            Surface = "#161b22",
            DrawerBackground = "#161b22",
            TextPrimary = "#e6edf3",
            TextSecondary = "#9aa4b0",
            LinesDefault = "#30363d",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };
}
