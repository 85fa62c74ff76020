using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

// Opens many article pages in real Chromium against a running 502 Desk and reports, per page, the time from the
// navigation's start to the page being interactive, then the server's memory per open idle page (each one circuit).
//   KB.CircuitBench BASE_URL EMAIL PASSWORD SERVER_PID [PAGES] [PATH]
// Memory is the server's managed heap after a full collection, read with dotnet-gcdump (a local tool), before
// and after the pages open.
if (args.Length < 4)
{
    await Console.Error.WriteLineAsync("usage: KB.CircuitBench BASE_URL EMAIL PASSWORD SERVER_PID [PAGES] [PATH]");
    return 2;
}
var (baseUrl, email, password, serverPid) = (args[0].TrimEnd('/'), args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
var pageCount = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 50;
var path = args.Length > 5 ? args[5] : "/kb/upstream-timeout";

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = Environment.GetEnvironmentVariable("KB_CHROMIUM") ?? "/usr/bin/chromium",
    Args = ["--no-sandbox"],
});
var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
var signIn = await context.NewPageAsync();
await signIn.GotoAsync("/account/signin");
await signIn.GetByLabel("Email").FillAsync(email);
await signIn.GetByLabel("Password").FillAsync(password);
await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
await signIn.WaitForURLAsync(url => !url.Contains("/account/signin"));

// One page opened and closed first, so the figures leave out what the first circuit pays once (JIT, caches).
var warmUp = await context.NewPageAsync();
await OpenInteractiveAsync(warmUp);
await warmUp.CloseAsync();
await signIn.CloseAsync();
await Task.Delay(TimeSpan.FromSeconds(2)); // let the closed circuits' disconnects arrive before the baseline

var before = HeapBytes(serverPid);
var pages = new List<IPage>();
var timesToInteractive = new List<double>();
for (var i = 0; i < pageCount; i++)
{
    var page = await context.NewPageAsync();
    timesToInteractive.Add(await OpenInteractiveAsync(page));
    pages.Add(page);
}
var after = HeapBytes(serverPid, keep: Environment.GetEnvironmentVariable("KB_BENCH_KEEP_DUMP"));

timesToInteractive.Sort();
Console.WriteLine($"pages open: {pageCount} ({path})");
Console.WriteLine($"time to interactive: median {Percentile(0.5):F0} ms, p95 {Percentile(0.95):F0} ms");
Console.WriteLine($"server managed heap: {before / 1024.0:F0} KB before, {after / 1024.0:F0} KB with the pages open");
Console.WriteLine($"per open page: {(after - before) / 1024.0 / pageCount:F0} KB");
return 0;

double Percentile(double p) => timesToInteractive[(int)Math.Min(timesToInteractive.Count - 1, Math.Ceiling(p * timesToInteractive.Count) - 1)];

async Task<double> OpenInteractiveAsync(IPage page)
{
    await page.GotoAsync(path);
    // data-interactive turns "true" on every marked component once the circuit has rendered it.
    await page.WaitForFunctionAsync("() => { const m = [...document.querySelectorAll('[data-interactive]')]; return m.length > 0 && m.every(e => e.dataset.interactive === 'true'); }");
    return await page.EvaluateAsync<double>("() => performance.now()");
}

// keep: a path to keep the dump at, to see with `dotnet-gcdump report` what the open pages hold.
static long HeapBytes(int pid, string? keep = null)
{
    var file = keep ?? Path.Combine(Path.GetTempPath(), $"circuits-{pid}-{Environment.TickCount64}.gcdump");
    var start = new ProcessStartInfo("dotnet", ["tool", "run", "dotnet-gcdump", "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file])
    {
        RedirectStandardOutput = true,
    };
    using (var collect = Process.Start(start)!)
    {
        collect.StandardOutput.ReadToEnd();
        collect.WaitForExit();
    }
    var report = new ProcessStartInfo("dotnet", ["tool", "run", "dotnet-gcdump", "report", file]) { RedirectStandardOutput = true };
    using var process = Process.Start(report)!;
    var text = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (keep is null)
    {
        File.Delete(file);
    }
    // The report's first line of figures is the total: "<bytes>  GC Heap bytes".
    var total = text.Split('\n').Select(line => line.Trim()).First(line => line.EndsWith("GC Heap bytes", StringComparison.Ordinal));
    return long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0].Replace(",", ""), CultureInfo.InvariantCulture);
}
