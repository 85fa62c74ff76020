using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace KB.Web.Components;

public static class Interactivity
{
    /// <summary>
    /// The data-interactive attribute of a component in the layout: "false" until the circuit renders it, "true" after,
    /// and none on a page rendered on the server only (sign-in, forms that post), which never becomes interactive.
    /// </summary>
    public static string? Marker(RendererInfo renderer, HttpContext? httpContext) =>
        httpContext is not null && !httpContext.AcceptsInteractiveRouting() ? null : renderer.IsInteractive ? "true" : "false";
}
