using System.Net;
using KB.Tests.Accounts;
using KB.Web.Features.Accounts;
using KB.Web.Features.Audit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Audit;

/// <summary>The admin page and its CSV export, through the whole app.</summary>
public sealed class AuditPageTests : IDisposable
{
    private readonly KbApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task SeedAsync(WebApplicationFactory<Program> app)
    {
        var log = app.Services.GetRequiredService<AuditLog>();
        await log.RecordAsync("Ada", AuditActions.UserRole, AuditSubjects.User, "7", "Bob is now Editor", new { Role = "Viewer" }, new { Role = "Editor" });
        await log.RecordAsync("Alice", AuditActions.IncidentNote, AuditSubjects.Incident, "12", "#12 <b>restarted</b> the pods", after: new { Note = "<b>restarted</b> the pods" });
        await log.RecordAsync("Mallory", AuditActions.SignInFailed, AuditSubjects.User, "mallory", "=HYPERLINK(\"http://evil\")", ip: "10.0.0.66");
    }

    [Theory]
    [InlineData("/admin/audit")]
    [InlineData("/admin/audit.csv")]
    public async Task Someone_not_signed_in_is_turned_away(string url)
    {
        await SeedAsync(_app);

        var response = await _app.CreateAnonymousClient().GetAsync(url);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Bob is now Editor", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/admin/audit")]
    [InlineData("/admin/audit.csv")]
    public async Task An_editor_is_turned_away(string url)
    {
        var editor = await _app.SignInAsAsync(Roles.Editor);
        await SeedAsync(_app);

        var response = await editor.GetAsync(url);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Bob is now Editor", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_admin_sees_entries_newest_first_with_their_changes_as_text()
    {
        var admin = await _app.SignInAsync();
        await SeedAsync(_app);

        var html = await admin.GetStringAsync("/admin/audit");

        Assert.Matches("<h1[^>]*>Audit trail</h1>", html);
        Assert.True(html.IndexOf("HYPERLINK", StringComparison.Ordinal) < html.IndexOf("Bob is now Editor", StringComparison.Ordinal));
        Assert.Contains("#12 &lt;b&gt;restarted&lt;/b&gt; the pods", html);
        Assert.DoesNotContain("<b>restarted</b>", html);
        Assert.Contains("<summary>Before and after</summary>", html);
        Assert.Contains("&quot;role&quot;: &quot;Viewer&quot;", html);
        Assert.Contains("5 entries", html); // the three above, the first admin joining and signing in
    }

    [Fact]
    public async Task Every_filter_has_a_label_and_the_export_link_keeps_the_filters()
    {
        var admin = await _app.SignInAsync();
        await SeedAsync(_app);

        var html = await admin.GetStringAsync("/admin/audit?actor=alice&subject=incident&subjectId=12&from=2000-01-01");

        foreach (var id in new[] { "audit-actor", "audit-action", "audit-subject", "audit-subject-id", "audit-from", "audit-to", "audit-q" })
        {
            Assert.Matches($"<label[^>]* for=\"{id}\"", html);
            Assert.Contains($"id=\"{id}\"", html);
        }
        Assert.Contains("From (UTC)", html);
        Assert.Contains("href=\"/admin/audit.csv?actor=alice&amp;subject=incident&amp;subjectId=12&amp;from=2000-01-01\"", html);
        Assert.Contains("#12 &lt;b&gt;restarted", html);
        Assert.DoesNotContain("Bob is now Editor", html);
        Assert.Matches("id=\"audit-subject\"[^>]* value=\"incident\"", html);
    }

    [Fact]
    public async Task An_admin_downloads_the_filtered_entries_as_csv()
    {
        var admin = await _app.SignInAsync();
        await SeedAsync(_app);

        var response = await admin.GetAsync("/admin/audit.csv?subject=user");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"audit-{DateTime.UtcNow:yyyyMMdd}.csv", response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal(AuditCsv.Header, lines[0]);
        Assert.StartsWith("5,", lines[1]); // after the first admin joining (1) and signing in (2), and the three above
        Assert.Contains(",Mallory,sign-in.failed,user,mallory,\"'=HYPERLINK(\"\"http://evil\"\")\",,,10.0.0.66", lines[1]);
        Assert.Contains("Bob is now Editor", lines[2]);
        Assert.Contains("Admin signed in", lines[3]);
        Assert.Contains("joined as Admin", lines[4]);
        Assert.Equal([""], lines[5..]);
    }
}
