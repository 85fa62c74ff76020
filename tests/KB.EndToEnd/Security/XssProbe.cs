using Microsoft.Playwright;

namespace KB.EndToEnd.Security;

/// <summary>
/// A browser page that records whether any script of a payload ran (a dialog opened, <c>window.__xss</c> set) and
/// checks the document for markup that could run script: event handler attributes, script-capable URLs, frames,
/// plugins and inline scripts.
/// </summary>
public sealed class XssProbe
{
    // Browsers drop whitespace and control characters inside a URL's scheme, so they are removed before comparing.
    // The app's own scripts are the three files App.razor loads, its own base element is <base href="/"> in the head, and its
    // own style elements are the theme's, inside the one #app-theme element of the layout, and the fade-in and fade-out
    // keyframes a MudBlazor snackbar writes into itself (nothing but numbers for its opacity and its progress bar).
    private const string FindProblems = """
        () => {
          const problems = [];
          const unsafeUrl = /^(javascript|vbscript|data):/i;
          const urlAttributes = new Set(['href', 'xlink:href', 'src', 'srcset', 'srcdoc', 'action', 'formaction', 'data', 'poster', 'background', 'lowsrc', 'dynsrc', 'ping', 'cite', 'codebase']);
          const forbidden = new Set(['IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'APPLET', 'BASE', 'PORTAL', 'SET', 'ANIMATE']);
          const ownScript = /^\/?(_framework\/blazor\.web|_content\/MudBlazor\/MudBlazor\.min|app)(\.[a-z0-9]+)?\.js$/;
          const describe = element => element.outerHTML.slice(0, 160);
          for (const element of document.querySelectorAll('*')) {
            const tag = element.tagName.toUpperCase();
            const ownBase = tag === 'BASE' && element.parentElement === document.head && element.getAttribute('href') === '/';
            if (forbidden.has(tag) && !ownBase) problems.push('element: ' + describe(element));
            if (tag === 'SCRIPT' && !ownScript.test(element.getAttribute('src') ?? '')) problems.push('script: ' + describe(element));
            if (tag === 'META' && element.hasAttribute('http-equiv')) problems.push('meta: ' + describe(element));
            const themeStyle = tag === 'STYLE' && element.parentElement?.id === 'app-theme' && document.querySelectorAll('#app-theme').length === 1;
            const snackbarFade = tag === 'STYLE' && element.closest('.mud-snackbar, [class*="mud-snackbar-location-"]') !== null
              && /^@keyframes [a-z0-9]+ \{from\{ (opacity|width): [0-9.]+%?; \} to\{ (opacity|width): [0-9.]+%?; \}\}$/.test(element.textContent);
            if ((tag === 'STYLE' || tag === 'LINK') && element.closest('body') && !themeStyle && !snackbarFade) problems.push('style in body: ' + describe(element));
            for (const attribute of element.attributes) {
              const name = attribute.name.toLowerCase();
              if (name.startsWith('on')) problems.push('event handler: ' + describe(element));
              if (urlAttributes.has(name) && unsafeUrl.test(attribute.value.replace(/[\u0000-\u0020]/g, ''))) problems.push('unsafe URL: ' + describe(element));
            }
          }
          if (window.__xss !== undefined) problems.push('window.__xss = ' + String(window.__xss));
          return problems;
        }
        """;

    private int _dialogs;

    public XssProbe(IPage page, bool interactive)
    {
        Page = page;
        Interactive = interactive;
        page.Dialog += (_, dialog) =>
        {
            Interlocked.Increment(ref _dialogs);
            _ = dialog.DismissAsync();
        };
    }

    public IPage Page { get; }

    /// <summary>Whether Blazor runs in the page, or the page shows the server's prerendered document only.</summary>
    public bool Interactive { get; }

    /// <summary>
    /// Opens an address of the app. An interactive page navigates there and waits until Blazor has rendered it. Any
    /// other page fetches the document with the page's cookies and has Chromium parse it in place, on the app's
    /// origin: the same markup, three times faster than a navigation.
    /// </summary>
    public async Task VisitAsync(string path)
    {
        if (Interactive)
        {
            await Page.GotoAsync(path);
            await Page.WaitForInteractivityAsync();
            return;
        }
        var response = await Page.APIRequest.GetAsync(path);
        Assert.True(response.Status < 500, $"{path} answered {response.Status}");
        await Page.SetContentAsync(await response.TextAsync());
    }

    /// <summary>Fails with what was found when a payload ran on the current page, or left markup that could run.</summary>
    public async Task AssertNothingRanAsync(string where)
    {
        var problems = (await Page.EvaluateAsync<string[]>(FindProblems)).ToList();
        if (Volatile.Read(ref _dialogs) > 0)
        {
            problems.Add($"{_dialogs} dialog(s) opened");
        }
        Assert.True(problems.Count == 0, $"{where} ({(Interactive ? Page.Url : "prerendered document")}):\n{string.Join('\n', problems.Distinct().Take(20))}");
    }
}
