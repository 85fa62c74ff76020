using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace KB.EndToEnd.MultiNode;

/// <summary>
/// Debian's nginx in front of the app nodes, in a temp folder on 127.0.0.1, as a team would run it: WebSockets passed
/// through, a node that fails taken out, and each browser kept on one node by a cookie nginx gives it on its first
/// request (a Blazor circuit lives on the node that opened it). Every answer says which node served it in
/// <c>X-Upstream</c>.
/// </summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    public const string PinCookie = "kb_node";

    private readonly string _folder;
    private readonly Process _process;

    private NginxBalancer(string folder, Process process, int port)
    {
        _folder = folder;
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    public static async Task<NginxBalancer> StartAsync(IEnumerable<string> nodeUrls)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kb-nginx-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var port = RunningApp.FreePort();
        var servers = string.Join("\n", nodeUrls.Select(url => $"        server {new Uri(url).Authority} max_fails=1 fail_timeout=30s;"));
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                map $cookie_{{PinCookie}} $pin { '' $request_id; default $cookie_{{PinCookie}}; }
                map $cookie_{{PinCookie}} $new_pin { '' "{{PinCookie}}=$request_id; Path=/; HttpOnly; SameSite=Lax"; default ''; }
                upstream desk {
                    hash $pin consistent;
            {{servers}}
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://desk;
                        proxy_http_version 1.1;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_read_timeout 1h;
                        proxy_connect_timeout 2s;
                        proxy_next_upstream error timeout;
                        add_header Set-Cookie $new_pin always;
                        add_header X-Upstream $upstream_addr always;
                    }
                }
            }
            """);
        var binary = Environment.GetEnvironmentVariable("KB_NGINX") ?? (File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx");
        var start = new ProcessStartInfo(binary, ["-c", config, "-p", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("The two-node tests need nginx: install Debian's nginx-light (scripts/test.sh does) or set KB_NGINX.", exception);
        }
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var balancer = new NginxBalancer(folder, process, port);
        await balancer.WaitUntilListeningAsync(port);
        return balancer;
    }

    /// <summary>A value of <see cref="PinCookie"/> that nginx sends to the node at <paramref name="nodeUrl"/>.</summary>
    public async Task<string> PinFor(string nodeUrl)
    {
        var node = new Uri(nodeUrl).Authority;
        using var client = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            var pin = "n" + i;
            using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + "/healthz");
            request.Headers.Add("Cookie", $"{PinCookie}={pin}");
            using var response = await client.SendAsync(request);
            if (response.Headers.TryGetValues("X-Upstream", out var upstreams) && upstreams.Single() == node)
            {
                return pin;
            }
        }
        throw new InvalidOperationException($"No pin value sends requests to {node}.");
    }

    /// <summary>Keeps the browser context's requests through nginx on the node at <paramref name="nodeUrl"/>.</summary>
    public async Task PinAsync(IBrowserContext context, string nodeUrl) =>
        await context.AddCookiesAsync([new Cookie { Name = PinCookie, Value = await PinFor(nodeUrl), Domain = new Uri(BaseUrl).Host, Path = "/" }]);

    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {ErrorLog}");
            }
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
