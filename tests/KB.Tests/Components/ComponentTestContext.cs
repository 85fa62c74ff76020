using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace KB.Tests.Components;

/// <summary>
/// A bUnit context that renders MudBlazor components as the live page does: interactively, with MudBlazor's services and
/// JavaScript calls answered by default. MudBlazor's services are async-disposable only, so the context is disposed async.
/// </summary>
public abstract class ComponentTestContext : IAsyncLifetime
{
    protected BunitContext Context { get; } = new();

    /// <summary>Who is signed in: nobody, until a test says otherwise.</summary>
    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    protected ComponentTestContext()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Authorization = Context.AddAuthorization();
        // Asking for the renderer builds the service provider: nothing can be registered after this line.
        Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Context.DisposeAsync();
}
