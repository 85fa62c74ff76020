using KB.Web.Features.Knowledge;

namespace KB.Tests.Knowledge;

public class MarkdownRendererTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Text <script>alert(1)</script> inline")]
    [InlineData("<svg onload=alert(1)></svg>")]
    [InlineData("<iframe src=\"javascript:alert(1)\"></iframe>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<details open ontoggle=alert(1)>")]
    public void Raw_html_is_rendered_as_text(string markdown)
    {
        var html = MarkdownRenderer.Render(markdown).Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<details", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](java\tscript:alert(1))")]
    [InlineData("[click](&#106;avascript:alert(1))")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[click][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)")]
    [InlineData("[click](  javascript:alert(1)  )")]
    [InlineData("[a](file:///etc/passwd)")]
    [InlineData("[![x](javascript:alert(1))](javascript:alert(2))")]
    [InlineData("- [ ] [![x](javascript:alert(1))](javascript:alert(2))")]
    public void Unsafe_link_and_image_urls_do_not_survive(string markdown)
    {
        var html = MarkdownRenderer.Render(markdown).Html;

        Assert.DoesNotMatch(@"(href|src)\s*=\s*""\s*(java|vb)?\s*(script|data|file)", html);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[docs](https://nginx.org/en/docs/)", "href=\"https://nginx.org/en/docs/\"")]
    [InlineData("[plain](http://example.com/a)", "href=\"http://example.com/a\"")]
    [InlineData("[mail](mailto:oncall@example.com)", "href=\"mailto:oncall@example.com\"")]
    [InlineData("[article](/kb/dns-resolution)", "href=\"/kb/dns-resolution\"")]
    [InlineData("[section](#how-to-confirm-it)", "href=\"#how-to-confirm-it\"")]
    [InlineData("![diagram](/images/flow.png)", "src=\"/images/flow.png\"")]
    public void Safe_urls_are_kept(string markdown, string expected)
    {
        Assert.Contains(expected, MarkdownRenderer.Render(markdown).Html);
    }

    [Fact]
    public void Link_text_stays_when_its_url_is_removed()
    {
        var html = MarkdownRenderer.Render("Read [the guide](javascript:alert(1)) first.").Html;

        Assert.Contains("Read the guide first.", html);
    }

    [Fact]
    public void Code_blocks_get_a_copy_button_and_keep_their_text_escaped()
    {
        var html = MarkdownRenderer.Render("```bash\ncurl -sv http://127.0.0.1:8080/health <script>\n```").Html;

        Assert.Contains("<div class=\"code-block\"><button type=\"button\" class=\"copy-button\"", html);
        Assert.Contains("curl -sv http://127.0.0.1:8080/health &lt;script&gt;", html);
        Assert.Contains("class=\"language-bash\"", html);
    }

    [Fact]
    public void Tables_task_lists_and_heading_ids_render()
    {
        var rendered = MarkdownRenderer.Render("""
            ## How to confirm it

            | flag | meaning |
            | --- | --- |
            | UF | upstream connection failure |

            ### With curl

            - [ ] one
            - [x] two
            """);

        Assert.Contains("<h2 id=\"how-to-confirm-it\">", rendered.Html);
        Assert.Contains("<table>", rendered.Html);
        Assert.Contains("type=\"checkbox\"", rendered.Html);
        Assert.Equal(
            [new OutlineHeading(2, "how-to-confirm-it", "How to confirm it"), new OutlineHeading(3, "with-curl", "With curl")],
            rendered.Outline);
    }

    [Fact]
    public void Checklist_is_the_task_list_under_the_checklist_heading()
    {
        var rendered = MarkdownRenderer.Render("""
            ## Fix

            - [ ] not a checklist step

            ## Checklist
            - [ ] Resolve the name from the proxy host: `dig +short api.internal`
            - [x] Reload nginx: `nginx -s reload`
            - a plain bullet is not a step

            ## Afterwards

            - [ ] not a step either
            """);

        Assert.Equal(["Resolve the name from the proxy host: `dig +short api.internal`", "Reload nginx: `nginx -s reload`"], rendered.Checklist);
    }

    [Fact]
    public void Plain_text_has_no_markup()
    {
        var plain = MarkdownRenderer.Render("## Title\n\nSome **bold** text with `code` and [a link](/kb/x).").PlainText;

        Assert.Contains("Some bold text with code and a link", plain);
        Assert.DoesNotContain("<", plain);
    }

    [Fact]
    public void Inline_rendering_drops_the_paragraph_keeps_code_and_escapes_html()
    {
        Assert.Equal("Reload: <code>nginx -s reload</code>", MarkdownRenderer.RenderInline("Reload: `nginx -s reload`"));
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt;", MarkdownRenderer.RenderInline("<script>alert(1)</script>"));
    }
}
