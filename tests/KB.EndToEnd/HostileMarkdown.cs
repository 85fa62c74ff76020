namespace KB.EndToEnd;

/// <summary>An article written to attack the renderer: every line tries to run script or smuggle a URL.</summary>
public static class HostileMarkdown
{
    public static string Article(string slug) => $$"""
        ---
        slug: {{slug}}
        title: Hostile Markdown probe
        category: diagnostic
        tags: [probe]
        summary: Every line of this article tries to run script.
        ---
        <script>window.__xss = 'script tag'</script>

        <img src=x onerror="window.__xss = 'img onerror'">

        <svg onload="window.__xss = 'svg onload'"></svg>

        <iframe src="javascript:window.__xss='iframe'"></iframe>

        [click me](javascript:window.__xss='link')

        [click me too](JaVaScRiPt:window.__xss='mixed case link')

        [entity](&#106;avascript:window.__xss='entity link')

        ![image](javascript:window.__xss='image')

        ![svg image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3hzcz0nZGF0YSciPjwvc3ZnPg==)

        <javascript:window.__xss='autolink'>

        [ref link][evil]

        [evil]: javascript:window.__xss='reference'

        Inline <b onmouseover="window.__xss='inline'">bold</b> text.

        ```html
        <script>window.__xss = 'code block'</script>
        ```
        """;
}
