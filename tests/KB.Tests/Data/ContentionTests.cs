using System.Collections.Concurrent;
using System.Net.Http.Json;
using KB.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Data;

public sealed class ContentionTests : IDisposable
{
    private const int Writers = 50;
    private const int WritesPerWriter = 10;
    private const int Readers = 10;
    private const int ReadsPerReader = 20;

    private readonly KbApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Fifty_writers_alongside_readers_never_show_a_user_a_locked_database()
    {
        var client = _app.CreateClient();
        var failures = new ConcurrentBag<string>();
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < WritesPerWriter; i++)
            {
                var response = await client.PostAsJsonAsync("/api/incidents", new { title = $"contention {writer}-{i}", service = "checkout", errorLog = "upstream timed out (110: Connection timed out) while reading response header from upstream" });
                await RecordFailureAsync(failures, $"POST by writer {writer}", response);
            }
        }));
        var readers = Enumerable.Range(0, Readers).Select(reader => Task.Run(async () =>
        {
            for (var i = 0; i < ReadsPerReader; i++)
            {
                var url = i % 2 == 0 ? "/api/incidents" : "/api/search?q=timeout";
                await RecordFailureAsync(failures, $"GET {url} by reader {reader}", await client.GetAsync(url));
            }
        }));

        await Task.WhenAll(writers.Concat(readers)).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(failures.IsEmpty, $"{failures.Count} requests failed: {string.Join("\n", failures.Take(10))}");
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        Assert.Equal(Writers * WritesPerWriter, await db.Incidents.CountAsync());
    }

    private static async Task RecordFailureAsync(ConcurrentBag<string> failures, string request, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || body.Contains("database is locked", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{request}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        }
    }
}
