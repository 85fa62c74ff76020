using KB.Web.Components;
using KB.Web.Components.Layout;
using KB.Web.Components.Pages;
using KB.Web.Data;
using KB.Web.Features;
using KB.Web.Features.Accounts;
using KB.Web.Features.Alerts;
using KB.Web.Features.ApiReference;
using KB.Web.Features.Audit;
using KB.Web.Features.Editing;
using KB.Web.Features.Evidence;
using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;
using KB.Web.Features.Nodes;
using KB.Web.Features.Notifications;
using KB.Web.Features.Response;
using KB.Web.Features.Triage;
using KB.Web.Features.WarRoomPack;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = PublishedFolder.ContentRoot(args) });

// Blazor Server with MudBlazor components
builder.Services.AddRazorComponents().AddInteractiveServerComponents(options => options.DetailedErrors = builder.Environment.IsDevelopment());
builder.Services.AddMudServices();
builder.Services.AddSingleton<ThemeStyles>();

// SQLite or PostgreSQL database, schema made and upgraded by EF Core migrations at start-up
builder.Services.AddDatabase();

// Features
builder.Services.AddKnowledge();
builder.Services.AddTriage();
builder.Services.AddIncidents();
builder.Services.AddNodes(builder.Configuration);
builder.Services.AddResponse();
builder.Services.AddNotifications();
builder.Services.AddAccounts();
builder.Services.AddAudit();
builder.Services.AddEditing();
builder.Services.AddRequestProblems();
builder.Services.AddAlerts();
builder.Services.AddApiReference();
builder.Services.AddEvidence();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseSecurityHeaders();
app.UseNotFoundPageForBrowsers();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRequestProblems();

await app.MigrateDatabaseAsync();
if (args is ["backup", var backupFile])
{
    return await app.BackupDatabaseAsync(backupFile);
}
await app.ImportKeysFolderAsync();
await app.EnsureFirstAdminAsync();
await app.LoadKnowledgeAsync();
app.WarmUpTriage();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapAccountEndpoints();
app.MapBackupDownload();
app.MapKnowledgeApi();
app.MapTriageApi();
app.MapIncidentApi();
app.MapFollowUpExport();
app.MapWarRoomPack();
app.MapAuditExport();
app.MapEditingApi();
app.MapAlertApi();
app.MapApiReference();
app.MapApiNotFound();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AllowFrameworkScriptsAnonymously();

await app.RunAsync();
return 0;

public partial class Program;
