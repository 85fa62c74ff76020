using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KB.Tests.Notifications;

/// <summary>
/// A local HTTP receiver standing in for the chats' incoming webhooks, on a free loopback port. <c>/flaky</c> answers 503
/// to its first post and 200 after; <c>/down</c> always answers 500; any other path answers 200.
/// </summary>
public sealed class ChatReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _flakyPosts;

    private ChatReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, JsonObject Body)> Received { get; } = new();

    public string Url(string path) => _app.Urls.First() + path;

    public static async Task<ChatReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new ChatReceiver(app);
        app.MapPost("/{name}", async (string name, HttpRequest request) =>
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(request.Body))!;
            receiver.Received.Enqueue(("/" + name, body));
            return name switch
            {
                "flaky" when Interlocked.Increment(ref receiver._flakyPosts) == 1 => Results.StatusCode(503),
                "down" => Results.StatusCode(500),
                _ => Results.Ok(),
            };
        });
        await app.StartAsync();
        return receiver;
    }

    public JsonObject[] To(string path) => Received.Where(x => x.Path == path).Select(x => x.Body).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
