using System.Security.Claims;
using Bunit;
using KB.Tests.Accounts;
using KB.Web.Data;
using KB.Web.Features.Accounts;
using KB.Web.Features.Audit;
using KB.Web.Features.Editing;
using KB.Web.Features.Evidence;
using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Notifications;
using KB.Web.Features.Response;
using KB.Web.Features.Triage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor;
using MudBlazor.Services;

namespace KB.Tests.Components;

/// <summary>
/// Renders a page of the app interactively, as its circuit does, on the services of a whole app (<see cref="KbApp"/>):
/// its real SQLite file, knowledge base and audit log. The person is signed in through bUnit's authentication state,
/// which the app's own <see cref="SignedInUser"/> reads, as it reads the revalidated state of a live page.
/// </summary>
public abstract class AppPageTestContext : IAsyncLifetime
{
    protected AppPageTestContext(string? contentPath = null, Dictionary<string, string?>? settings = null)
    {
        // A page here runs a whole app on a shared, busy machine: waits for a state get longer than bUnit's default.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        App = new KbApp(contentPath, settings);
        var services = App.Services;
        Context.Services.AddSingleton(services.GetRequiredService<KnowledgeBase>());
        Context.Services.AddSingleton(services.GetRequiredService<ArticleEditor>());
        Context.Services.AddSingleton(services.GetRequiredService<ArticleCreator>());
        Context.Services.AddSingleton(services.GetRequiredService<KB.Web.Features.Reviews.ArticleReviews>());
        Context.Services.AddSingleton(services.GetRequiredService<IncidentService>());
        Context.Services.AddSingleton(services.GetRequiredService<TriageEngine>());
        Context.Services.AddSingleton(services.GetRequiredService<KB.Web.Features.Triage.Unexplained.UnexplainedLines>());
        Context.Services.AddSingleton(services.GetRequiredService<TimeProvider>());
        Context.Services.AddSingleton(services.GetRequiredService<ApiTokens>());
        Context.Services.AddSingleton(services.GetRequiredService<SessionStore>());
        Context.Services.AddSingleton(services.GetRequiredService<AuditLog>());
        Context.Services.AddSingleton(services.GetRequiredService<IncidentSearch>());
        Context.Services.AddSingleton(services.GetRequiredService<IncidentNotifier>());
        Context.Services.AddSingleton(services.GetRequiredService<StepProposals>());
        Context.Services.AddSingleton(services.GetRequiredService<ResponseService>());
        Context.Services.AddSingleton(services.GetRequiredService<UpdateRhythm>());
        Context.Services.AddSingleton(services.GetRequiredService<FollowUpSearch>());
        Context.Services.AddSingleton(services.GetRequiredService<NotificationSettings>());
        Context.Services.AddSingleton(services.GetRequiredService<WebhookClient>());
        Context.Services.AddSingleton(services.GetRequiredService<DeliveryLog>());
        Context.Services.AddSingleton(services.GetRequiredService<IncidentEvidence>());
        Context.Services.AddSingleton(services.GetRequiredService<ArticleFreshness>());
        Context.Services.AddSingleton(services.GetRequiredService<FeedbackStore>());
        // A scope the page opens opens one of the app's, so scoped services (accounts, their DbContext) are the app's own.
        Context.Services.AddScoped(_ => new AppScope(services.CreateAsyncScope()));
        Context.Services.AddScoped(provider => provider.GetRequiredService<AppScope>().Get<AccountAdmin>());
        Context.Services.AddScoped(provider => provider.GetRequiredService<AppScope>().Get<UserManager<Account>>());
        Context.Services.AddHttpContextAccessor();
        Context.Services.AddScoped<ICurrentUser, SignedInUser>();
        Authorization = Context.AddAuthorization();
        // Asking for the renderer builds the service provider: nothing can be registered after this line.
        Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Context.JSInterop.Setup<bool>("kbLogPaste.hasText", _ => true).SetResult(true);
        Context.JSInterop.Setup<IJSStreamReference>("kbLogPaste.read", _ => true).SetResult(new TypedText(() => Typed));
    }

    protected BunitContext Context { get; } = new();

    protected KbApp App { get; }

    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    /// <summary>What the person has typed into the page's streamed text box (the article's Markdown, a pasted log).</summary>
    protected string Typed { get; set; } = "";

    protected ISnackbar Snackbar => Context.Services.GetRequiredService<ISnackbar>();

    protected NavigationManager Navigation => Context.Services.GetRequiredService<NavigationManager>();

    /// <summary>Signs a new account of the role in; the page acts as that person.</summary>
    protected async Task<Account> SignInAsync(string role, string? name = null)
    {
        var account = await App.CreateAsync(role, name);
        SignIn(account);
        return account;
    }

    protected void SignIn(Account account)
    {
        Authorization.SetAuthorized(account.DisplayName);
        Authorization.SetRoles([.. Roles.Including(account.Role)]);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, account.Id));
    }

    protected async Task<Account> AdminAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KbDb>().Users.AsNoTracking().SingleAsync(x => x.Email == KbApp.AdminEmail);
    }

    protected async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KbDb>().AuditEntries.AsNoTracking().Where(x => x.Action == action).ToListAsync();
    }

    /// <summary>Renders the page below the dialog provider, as the layout does, so its confirmations can be answered.</summary>
    protected (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<TPage> Page) RenderWithDialogs<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : IComponent
    {
        var dialogs = Context.Render<MudDialogProvider>();
        return (dialogs, Context.Render(parameters));
    }

    /// <summary>Clicks the button whose text (or accessible name) is <paramref name="name"/>.</summary>
    protected static void Click<T>(IRenderedComponent<T> rendered, string name) where T : IComponent =>
        rendered.FindAll("button").Single(button => button.TextContent.Trim() == name || button.GetAttribute("aria-label") == name).Click();

    /// <summary>Types into the MudBlazor text field labelled <paramref name="label"/> (the value reaches the page on change, as in the browser).</summary>
    protected static Task TypeAsync<T>(IRenderedComponent<T> rendered, string label, string text) where T : IComponent =>
        rendered.Find($"#{rendered.FindAll("label").Single(element => element.TextContent.Trim() == label).GetAttribute("for")}")
            .ChangeAsync(new ChangeEventArgs { Value = text });

    /// <summary>Chooses an item of the MudBlazor select labelled <paramref name="label"/>, as picking it from the list does.</summary>
    protected static Task ChooseAsync<T>(IRenderedComponent<T> rendered, string label, string value) where T : class, IComponent =>
        rendered.InvokeAsync(() => rendered.FindComponents<MudSelect<string>>().Single(select => select.Instance.Label == label).Instance.SelectOption(value));

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        App.Dispose();
    }

    private sealed class AppScope(AsyncServiceScope scope) : IAsyncDisposable
    {
        public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }

    /// <summary>The browser's answer to "read the text box as a stream".</summary>
    private sealed class TypedText(Func<string> text) : IJSStreamReference
    {
        private byte[] Bytes => System.Text.Encoding.UTF8.GetBytes(text());

        public long Length => Bytes.Length;

        public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Stream>(new MemoryStream(Bytes.Take((int)Math.Min(maxAllowedSize, Bytes.Length)).ToArray()));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
