using System.Net.Http.Json;
using System.Text.Json;
using KB.EndToEnd;
using Microsoft.Playwright;

namespace KB.NodeBench;

/// <summary>
/// A tick as the team sees it: a responder clicks a step of an incident's checklist in one browser, served by the first
/// node, and another responder's browser, served by the last node, shows it. Each sample is the time from the click
/// (read in the first page) to the second page's checkbox showing the new state (read in the second page, polled every
/// few milliseconds); both pages run in one Chromium on this machine, so their clocks are the same. The steps are ticked
/// in turn, then unticked in turn, and so on.
/// </summary>
internal static class TickLatency
{
    private const string Boxes = ".checklist input[type=checkbox]";

    private const string RecordClicks =
        "() => document.addEventListener('click', e => { if (e.target.closest('.checklist')) window.kbClickedAt = Date.now(); }, true)";

    // A step's row is marked done once the server has saved the tick and rendered it back.
    private const string SavedState = "([step, ticked]) => document.querySelectorAll('.checklist li')[step]?.classList.contains('done') === ticked";

    private const string WhenShown = $$"""
        ([step, ticked]) => new Promise(resolve => {
            const look = () => document.querySelectorAll('{{Boxes}}')[step]?.checked === ticked ? resolve(Date.now()) : setTimeout(look, 1);
            look();
        })
        """;

    public static async Task<List<double>> MeasureAsync(Deployment deployment, IBrowser browser, int samples)
    {
        using var api = await deployment.ApiClientOnAsync(0);
        var created = await api.PostAsJsonAsync("/api/incidents", new { title = "Ticks across nodes", service = "checkout-api", severity = "SEV2", cause = "upstream-down" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var clicker = await deployment.ResponderOnAsync(browser, 0);
        var watcher = await deployment.ResponderOnAsync(browser, deployment.NodeUrls.Count - 1);
        try
        {
            foreach (var page in new[] { clicker, watcher })
            {
                await page.GotoAsync($"/incidents/{id}");
                await page.WaitForInteractivityAsync();
            }
            await clicker.EvaluateAsync(RecordClicks);
            var boxes = clicker.Locator(".checklist").GetByRole(AriaRole.Checkbox);
            var steps = await boxes.CountAsync();
            var latencies = new List<double>();
            for (var i = 0; i < samples; i++)
            {
                object[] state = [i % steps, i / steps % 2 == 0];
                var shown = watcher.EvaluateAsync<double>(WhenShown, state);
                await boxes.Nth(i % steps).ClickAsync();
                var shownAt = await shown;
                latencies.Add(shownAt - await clicker.EvaluateAsync<double>("() => window.kbClickedAt"));
                // The next click waits until this one is saved, so that no sample queues behind the one before.
                await clicker.WaitForFunctionAsync(SavedState, state);
            }
            return [.. latencies.Order()];
        }
        finally
        {
            await clicker.Context.CloseAsync();
            await watcher.Context.CloseAsync();
        }
    }
}
