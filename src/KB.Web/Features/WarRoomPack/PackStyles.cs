namespace KB.Web.Features.WarRoomPack;

/// <summary>The pack's one stylesheet: light, readable on a phone, and plain on paper.</summary>
public static class PackStyles
{
    public const string Css = """
        :root { color-scheme: light; }
        body { margin: 0 auto; max-width: 50rem; padding: 1rem; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1f; background: #fff; overflow-wrap: anywhere; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 1rem 0 .5rem; }
        h2 { font-size: 1.3rem; line-height: 1.3; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid #d0d7de; }
        h3 { font-size: 1.1rem; margin: 1.5rem 0 .4rem; }
        a { color: #0b57d0; }
        a.app-link::after { content: " \2197  502 Desk"; font-size: .8em; color: #5f6368; }
        code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
        code { background: #f1f3f4; padding: .1em .3em; border-radius: 3px; }
        pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem .75rem; white-space: pre-wrap; overflow-wrap: anywhere; }
        pre code { background: none; padding: 0; }
        table { border-collapse: collapse; width: 100%; font-size: .95em; }
        th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        .banner { background: #fff8e1; border: 1px solid #f0c36d; border-radius: 6px; padding: .5rem .75rem; font-size: .9em; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
        .facts dt { font-weight: 600; }
        .facts dd { margin: 0; }
        .contents ul { padding-left: 1.2rem; }
        .contents-heading { font-size: 1rem; border: none; margin-top: 1rem; }
        .checklist { padding-left: 1.6rem; }
        .checklist li { margin-bottom: 1rem; }
        .checklist label { display: block; }
        .checklist input { width: 1.1rem; height: 1.1rem; vertical-align: -.15rem; margin-right: .3rem; }
        .checklist .done > label { color: #5f6368; }
        .done-by { color: #1e7d32; font-size: .9em; margin: .2rem 0; }
        .note, .summary, .source { color: #3c4043; }
        .source { font-size: .8em; }
        .nowrap { white-space: nowrap; }
        @media print {
            body { max-width: none; padding: 0; font-size: 11pt; }
            .banner { border-color: #999; background: none; }
            a { color: inherit; }
            a.app-link::after { content: " (" attr(href) ")"; }
            .article { break-before: page; }
            pre, li, tr { break-inside: avoid; }
        }
        """;
}
