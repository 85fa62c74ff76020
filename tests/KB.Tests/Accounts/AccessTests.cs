using System.Net;
using System.Net.Http.Json;
using KB.Web.Features.Accounts;

namespace KB.Tests.Accounts;

/// <summary>Only the team gets in: every page and API needs a sign-in or a token, and each role opens what it should.</summary>
public sealed class AccessTests : IDisposable
{
    private readonly KbApp _app = new();

    [Theory]
    [InlineData("/")]
    [InlineData("/kb")]
    [InlineData("/kb/dns-resolution")]
    [InlineData("/search?q=dns")]
    [InlineData("/triage")]
    [InlineData("/incidents")]
    [InlineData("/incidents/new")]
    [InlineData("/incidents/1/postmortem.md")]
    [InlineData("/account/profile")]
    [InlineData("/admin")]
    [InlineData("/admin/users")]
    public async Task Pages_send_a_stranger_to_the_sign_in_page_and_back(string path)
    {
        var response = await _app.CreateAnonymousClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location.Query);
    }

    [Theory]
    [InlineData("GET", "/api/incidents")]
    [InlineData("GET", "/api/incidents/1")]
    [InlineData("GET", "/api/articles")]
    [InlineData("GET", "/api/search?q=dns")]
    [InlineData("POST", "/api/triage")]
    [InlineData("POST", "/api/incidents")]
    public async Task The_api_answers_401_without_a_token_and_with_a_wrong_one(string method, string path)
    {
        var anonymous = _app.CreateAnonymousClient();
        var withoutToken = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { text = "x", title = "x", service = "x" }) });
        var wrongToken = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { text = "x" }) };
        wrongToken.Headers.Authorization = new("Bearer", "not-a-token-of-this-app-0000");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal("Bearer", withoutToken.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrongToken)).StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/account/signin")]
    [InlineData("/app.css")]
    [InlineData("/_framework/blazor.web.js")]
    public async Task Health_sign_in_and_static_files_need_no_sign_in(string path)
    {
        var response = await _app.CreateAnonymousClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_configured_token_opens_pages_and_the_api_as_a_responder()
    {
        var client = _app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/kb")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/incidents", new { title = "Token write", service = "web" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task A_viewer_reads_incidents_but_cannot_log_one()
    {
        var viewer = await _app.SignInAsAsync(Roles.Viewer);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/incidents")).StatusCode);
        var form = await viewer.GetAsync("/incidents/new");
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Equal("/account/denied", form.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/incidents", new { title = "Viewer write", service = "web" })).StatusCode);
    }

    [Fact]
    public async Task A_viewer_sees_an_incident_with_every_control_turned_off_and_no_way_to_log_one()
    {
        var created = await _app.CreateClient().PostAsJsonAsync("/api/incidents", new { title = "Read only", service = "web", cause = "upstream-down" });
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();
        var viewer = await _app.SignInAsAsync(Roles.Viewer);
        var responder = await _app.SignInAsAsync(Roles.Responder);

        var page = await viewer.GetStringAsync($"/incidents/{id}");

        Assert.Contains("working it needs the Responder role", page);
        // That each control is off for a viewer, and on for a responder once the page is live: Components/IncidentDetailPageTests.
        Assert.DoesNotContain("working it needs the Responder role", await responder.GetStringAsync($"/incidents/{id}"));
        Assert.DoesNotContain("href=\"/incidents/new\"", await viewer.GetStringAsync("/incidents"));
        Assert.Contains("href=\"/incidents/new\"", await responder.GetStringAsync("/incidents"));
    }

    [Fact]
    public async Task Only_admins_open_the_admin_pages()
    {
        var editor = await _app.SignInAsAsync(Roles.Editor);
        var admin = await _app.SignInAsync();

        Assert.Equal("/account/denied", (await editor.GetAsync("/admin/users")).Headers.Location!.AbsolutePath);
        var page = await admin.GetStringAsync("/admin/users");
        Assert.Contains(KbApp.AdminEmail, page);
        Assert.Contains("Create invitation link", page);
    }

    public void Dispose() => _app.Dispose();
}
