using System.Text;

namespace KB.EndToEnd.Security;

/// <summary>Articles made of the XSS corpus: one that loads, and broken ones whose problems the app reports.</summary>
public static class CorpusArticles
{
    public const string Slug = "xss-corpus";

    /// <summary>A tag that is itself a payload, for the tag links and the tag filter.</summary>
    public const string HostileTag = "\"><svg onload=alert(1)>";

    /// <summary>
    /// A cause article with payloads in its title, summary and tags, every payload as a paragraph of its body and as a
    /// step of its checklist, and a signature that matches the payloads, so triage quotes them and names this cause.
    /// </summary>
    public static string Corpus(IReadOnlyList<string> payloads)
    {
        var text = new StringBuilder($"""
            ---
            slug: {Slug}
            title: {Yaml("<img src=x onerror=alert(1)> XSS corpus <svg onload=window.__xss=1>")}
            category: cause
            tags: [xss-corpus, {Yaml(HostileTag)}, {Yaml("javascript:alert(1)")}]
            summary: {Yaml("<script>alert(1)</script> Every payload of the corpus, shown as text.")}
            signatures:
              - emitter: generic
                pattern: 'alert|__xss|msgbox|javascript:'
            ---
            Every paragraph below is a payload of the XSS corpus.


            """);
        foreach (var payload in payloads)
        {
            text.Append(payload).Append("\n\n");
        }
        text.Append("## Checklist\n\n");
        foreach (var payload in payloads)
        {
            text.Append("- [ ] ").Append(payload.Trim()).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Front matter the app refuses, quoting the payloads in the reasons it shows on /kb/problems.</summary>
    public static IReadOnlyDictionary<string, string> Broken { get; } = new Dictionary<string, string>
    {
        ["causes/xss-bad-pattern.md"] = $"""
            ---
            slug: xss-bad-pattern
            title: {Yaml("<script>alert(1)</script>")}
            category: cause
            signatures:
              - emitter: generic
                pattern: {Yaml("<img src=x onerror=alert(1)>(")}
              - emitter: {Yaml("<svg onload=window.__xss=1>")}
                pattern: x
            ---
            Body.
            """,
        ["causes/xss-bad-yaml.md"] = """
            ---
            slug: xss-bad-yaml
            title: [<img src=x onerror=alert(1)>
            ---
            Body.
            """,
        ["diagnostics/xss-bad-slug.md"] = $"""
            ---
            slug: {Yaml("\"><img src=x onerror=alert(1)>")}
            title: x
            category: {Yaml("<svg onload=alert(1)>")}
            ---
            Body.
            """,
    };

    private static string Yaml(string text) => $"'{text.Replace("'", "''")}'";
}
