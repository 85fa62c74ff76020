using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace KB.NodeBench;

internal sealed record WriteFigures(double PerSecond, double P50, double P95, int Refused);

/// <summary>
/// Incidents created through <c>POST /api/incidents</c> by a fixed number of writers, each sending its next request when
/// the last one is answered, spread over the nodes: how many are acknowledged (201) per second, and how long each took.
/// </summary>
internal static class WriteLoad
{
    // What an alerting rule or a script would send: one nginx line, which the app reads to suggest causes.
    private static readonly object Incident = new
    {
        title = "Checkout answers 502",
        service = "checkout-api",
        severity = "SEV2",
        errorLog = "2026/12/02 10:15:01 [error] 311#311: *5123 connect() failed (111: Connection refused) while connecting to upstream, "
            + "client: 10.0.0.7, server: shop.example.com, request: \"GET /checkout HTTP/1.1\", upstream: \"http://10.1.2.3:8080/checkout\"",
    };

    public static async Task<WriteFigures> MeasureAsync(Deployment deployment, int writers, TimeSpan duration)
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < writers; i++)
        {
            clients.Add(await deployment.ApiClientOnAsync(i % deployment.NodeUrls.Count));
        }
        var refused = 0;
        var clock = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(clients.Select(async client =>
        {
            var mine = new List<double>();
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                using var response = await client.PostAsJsonAsync("/api/incidents", Incident);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    mine.Add((clock.Elapsed - started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }
            }
            return mine;
        }));
        var elapsed = clock.Elapsed;
        foreach (var client in clients)
        {
            client.Dispose();
        }
        var all = latencies.SelectMany(mine => mine).Order().ToList();
        return new WriteFigures(all.Count / elapsed.TotalSeconds, Percentile.Of(all, 0.50), Percentile.Of(all, 0.95), refused);
    }
}

internal static class Percentile
{
    /// <summary>The nearest-rank percentile of values sorted in ascending order.</summary>
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
