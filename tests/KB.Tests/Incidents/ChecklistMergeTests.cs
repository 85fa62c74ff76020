using KB.Web.Features.Incidents;
using KB.Web.Features.Knowledge;

namespace KB.Tests.Incidents;

/// <summary>How the steps and notes of an incident are written into its cause article's checklist section.</summary>
public sealed class ChecklistMergeTests
{
    private const string Added = "Check the pool of the upstream: `ss -s`";

    private static readonly string UpstreamDown = File.ReadAllText(Path.Combine(TestPaths.ShippedContent, "causes", "upstream-down.md"));

    /// <summary>An incident linked to upstream-down whose copied checklist filled the article's placeholders with 10.9.9.9:8080.</summary>
    private static Incident Incident(params ChecklistItem[] extra)
    {
        var article = ArticleParser.Parse(UpstreamDown, "causes/upstream-down.md").Article!;
        var steps = article.Checklist
            .Select((text, position) => new ChecklistItem { Id = position + 1, Position = position, Text = text.Replace("{{upstream:10.1.2.3:8080}}", "10.9.9.9:8080").Replace("{{upstream_port:8080}}", "8080") })
            .ToList();
        foreach (var step in extra)
        {
            step.Position = steps.Count;
            steps.Add(step);
        }
        return new Incident { Id = 41, Title = "Checkout answers 502", Service = "checkout-api", CreatedBy = "Ann", Cause = "upstream-down", Checklist = steps };
    }

    private static string MergedArticle(Incident incident)
    {
        var section = ChecklistSection.Of(UpstreamDown);
        return section.With(ChecklistMerge.Into(section.Text, incident));
    }

    [Fact]
    public void The_section_is_the_checklist_heading_and_its_task_list_and_puts_the_article_back_together()
    {
        var section = ChecklistSection.Of(UpstreamDown);

        Assert.StartsWith("## Checklist\n", section.Text);
        Assert.Contains("- [ ] Curl it from the proxy host: `curl -sv -o /dev/null --connect-timeout 5 http://{{upstream:10.1.2.3:8080}}/healthz`", section.Text);
        Assert.DoesNotContain("## How to prevent it", section.Text);
        Assert.Equal(UpstreamDown, section.With(section.Text));
    }

    [Fact]
    public void An_added_step_goes_after_the_articles_steps_and_a_note_under_its_step_with_the_placeholders_kept()
    {
        var incident = Incident(new ChecklistItem { Text = Added, AddedBy = "Bob", Note = "ran out at 28k" });
        incident.Checklist[1].Note = "the health check answered 503, not refused";

        var merged = MergedArticle(incident);

        var article = ArticleParser.Parse(merged, "causes/upstream-down.md").Article!;
        var original = ArticleParser.Parse(UpstreamDown, "causes/upstream-down.md").Article!;
        Assert.Equal([.. original.Checklist, Added], article.Checklist);
        Assert.Contains(
            "- [ ] Curl it from the proxy host: `curl -sv -o /dev/null --connect-timeout 5 http://{{upstream:10.1.2.3:8080}}/healthz`\n"
            + "  - Note from incident #41: the health check answered 503, not refused\n"
            + "- [ ] Check something listens", merged);
        Assert.EndsWith($"- [ ] {Added}\n  - Note from incident #41: ran out at 28k\n", merged);
        Assert.DoesNotContain("10.9.9.9", merged);
    }

    [Fact]
    public void What_the_article_already_has_is_not_repeated()
    {
        var incident = Incident(new ChecklistItem { Text = Added, AddedBy = "Bob" });
        incident.Checklist[0].Note = "it was in the second line";
        var once = MergedArticle(incident);

        var section = ChecklistSection.Of(once);
        Assert.Equal(section.Text, ChecklistMerge.Into(section.Text, incident));
    }

    [Fact]
    public void A_step_added_to_an_article_without_a_checklist_gets_the_section()
    {
        var text = Articles.Markdown("slow-widgets", body: "Widgets are slow.\n");
        var incident = Incident(new ChecklistItem { Text = Added, AddedBy = "Bob" });
        var section = ChecklistSection.Of(text);

        var merged = section.With(ChecklistMerge.Into(section.Text, incident));

        Assert.Equal("", section.Text);
        Assert.Equal(text.TrimEnd('\n') + $"\n\n## Checklist\n\n- [ ] {Added}\n", merged);
        Assert.Equal([Added], ArticleParser.Parse(merged, "diagnostics/slow-widgets.md").Article!.Checklist);
    }

    [Fact]
    public void Numbered_steps_are_continued_and_fenced_headings_are_not_sections()
    {
        var text = Articles.Markdown("numbered", body: "```\n## Checklist\n```\n\n## Checklist\n\n1. [ ] First\n2. [ ] Second\n   still the second\n\n## After\n\nMore.\n");
        var incident = Incident(new ChecklistItem { Text = Added, AddedBy = "Bob" });
        var section = ChecklistSection.Of(text);

        var merged = section.With(ChecklistMerge.Into(section.Text, incident));

        Assert.Contains($"2. [ ] Second\n   still the second\n3. [ ] {Added}\n\n## After\n", merged);
        Assert.Equal([.. ArticleParser.Parse(text, "diagnostics/numbered.md").Article!.Checklist, Added], ArticleParser.Parse(merged, "diagnostics/numbered.md").Article!.Checklist);
    }

    [Fact]
    public void Only_an_incident_with_a_cause_and_added_steps_or_notes_has_news_for_the_article()
    {
        var plain = Incident();
        Assert.False(ChecklistMerge.HasNews(plain));

        plain.Checklist[2].Note = "listening on 8081";
        Assert.True(ChecklistMerge.HasNews(plain));

        plain.Cause = null;
        Assert.False(ChecklistMerge.HasNews(plain));
    }
}
