using System.Net;
using KB.Tests.Accounts;
using KB.Web.Features.Accounts;

namespace KB.Tests.Editing;

/// <summary>The New article page as the server first renders it, and who may open it.</summary>
public sealed class NewArticleAccessTests : IDisposable
{
    private readonly KbApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Editors_get_the_form_with_labelled_fields_and_a_button_to_it_on_the_knowledge_base()
    {
        var client = await _app.SignInAsAsync(Roles.Editor);

        var page = await client.GetStringAsync("/kb/new");

        foreach (var (id, label) in new[] { ("article-title", "Title"), ("article-slug", "Slug"), ("article-tags", "Tags"), ("article-summary", "Summary"), ("article-body", "Body") })
        {
            Assert.Matches($"""<label [^>]*for="{id}"[^>]*>{label}</label>""", page);
        }
        Assert.Contains("Category", page);
        Assert.Contains("Create article", page);
        Assert.DoesNotContain("Article not found", page);
        Assert.Contains("href=\"/kb/new\"", await client.GetStringAsync("/kb"));
    }

    [Fact]
    public async Task Without_an_editor_sign_in_the_form_is_closed_and_not_offered()
    {
        Assert.NotEqual(HttpStatusCode.OK, (await _app.CreateAnonymousClient().GetAsync("/kb/new")).StatusCode);

        var viewer = await _app.SignInAsAsync(Roles.Viewer);
        var denied = await viewer.GetAsync("/kb/new");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("/account/denied", denied.Headers.Location!.AbsolutePath);
        Assert.DoesNotContain("href=\"/kb/new\"", await viewer.GetStringAsync("/kb"));
    }
}
