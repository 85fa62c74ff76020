using KB.Tests.Knowledge;
using KB.Web.Features.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Triage;

/// <summary>The points of the taxonomy in the design notes where lines look alike but mean different causes.</summary>
public class TriageTaxonomyTests(ShippedContentApp app) : IClassFixture<ShippedContentApp>
{
    private TriageEngine Engine => app.Services.GetRequiredService<TriageEngine>();

    [Theory]
    [InlineData("connect() to 127.0.0.1:8081 failed (13: Permission denied) while connecting to upstream, client: 10.0.2.2, upstream: \"http://127.0.0.1:8081/\"", "firewall-blocked")]
    [InlineData("type=AVC msg=audit(1491961946.603:287): avc:  denied  { name_connect } for  pid=1111 comm=\"nginx\" dest=8000 scontext=system_u:system_r:httpd_t:s0 tcontext=system_u:object_r:soundd_port_t:s0 tclass=tcp_socket", "firewall-blocked")]
    [InlineData("connect() to unix:/home/app/run/gunicorn.sock failed (13: Permission denied) while connecting to upstream, client: 83.39.62.209", "socket-permission")]
    [InlineData("connect() to unix:/var/run/php7.3-fpm.sock failed (2: No such file or directory) while connecting to upstream, client: 172.17.0.1", "socket-permission")]
    [InlineData("dial unix /var/run/php/php-fpm.sock: connect: no such file or directory", "socket-permission")]
    [InlineData("2019/09/26 01:32:42 [error] 56#56: *63 no live upstreams while connecting to upstream, client: 113.185.40.45, server: example.tk", "upstream-down")]
    [InlineData("[ 2170.372798] Out of memory: Killed process 1154 (php) total-vm:120284kB, anon-rss:19156kB", "resource-exhaustion")]
    [InlineData("[2024-01-09 13:25:03 +0000] [1637] [WARNING] Worker with pid 7284 was terminated due to signal 9", "resource-exhaustion")]
    [InlineData("[Thu May 19 18:35:17 2016] [notice] AH00052: child pid 3813 exit signal Segmentation fault (11)", "application-crash")]
    [InlineData("[2024-01-09 13:24:39 +0000] [1637] [CRITICAL] WORKER TIMEOUT (pid:7214)\n[2024-01-09 13:24:40 +0000] [1637] [WARNING] Worker with pid 7214 was terminated due to signal 9", "upstream-timeout")]
    [InlineData("Mon Jan 15 01:14:45 2018 - *** HARAKIRI ON WORKER 1 (pid: 53, try: 1) ***\nMon Jan 15 01:14:46 2018 - DAMN ! worker 1 (pid: 53) died, killed by signal 9 :( trying respawn ...", "upstream-timeout")]
    [InlineData("at=error code=H12 desc=\"Request timeout\" method=GET path=\"/\" host=app.herokuapp.com dyno=web.1 connect=1ms service=30000ms status=503", "upstream-timeout")]
    [InlineData("2023-02-16T03:02:28.944 proxy[ed63d73f] lhr [error] instance refused connection", "upstream-down")]
    [InlineData("==> Port scan timeout reached, no open ports detected. Bind your service to at least one port.", "misconfiguration")]
    [InlineData("invalid request block size: 4313 (max 4096)...skip", "header-too-large")]
    [InlineData("invalid request block size: 21573 (max 4096)...skip", "misconfiguration")]
    [InlineData("Wed Nov 02 10:19:35 UTC 2022 : Execution failed due to configuration error: Malformed Lambda proxy response", "invalid-response")]
    [InlineData("linkerd_reconnect: Failed to connect error=endpoint 127.0.0.1:8090: Connection refused (os error 111)", "upstream-down")]
    [InlineData("2020/12/03 11:29:16 [error] 32#0: *561643 [lua] balancer.lua:900: execute(): DNS resolution failed: dns server error: 3 name error.", "dns-resolution")]
    [InlineData("Error: 'dial tcp 10.244.0.24:8443: i/o timeout'", "firewall-blocked")]
    [InlineData("read tcp 10.128.4.9:56414->10.131.0.14:8012: read: connection reset by peer", "connection-reset")]
    [InlineData("Web server is down Error code 521", "upstream-down")]
    [InlineData("Connection timed out Error code 522", "upstream-timeout")]
    public async Task Each_line_gets_the_cause_the_design_notes_give_it(string text, string cause)
    {
        Assert.Equal(cause, (await Engine.TriageAsync(text)).Candidates[0].Cause);
    }

    [Fact]
    public async Task When_no_line_names_a_cause_triage_says_it_does_not_know_before_any_guess()
    {
        var result = await Engine.TriageAsync("upstream went away again after the deploy, gateway is unhappy");

        Assert.StartsWith("I don't know", result.Summary);
    }

    [Fact]
    public async Task Two_close_causes_are_named_together()
    {
        var result = await Engine.TriageAsync(string.Join('\n',
            "recv() failed (104: Connection reset by peer) while reading response header from upstream, upstream: \"http://10.0.3.12:8080/\"",
            "connect() failed (111: Connection refused) while connecting to upstream, upstream: \"http://10.0.3.12:8080/\""));

        Assert.Contains(" or ", result.Summary);
        Assert.StartsWith("Likely", result.Summary);
    }

    [Fact]
    public async Task A_clear_line_gets_a_plain_answer()
    {
        var result = await Engine.TriageAsync("connect() failed (111: Connection refused) while connecting to upstream, upstream: \"http://10.0.3.12:8080/\"");

        Assert.Equal($"Likely {result.Candidates[0].Title}.", result.Summary);
    }
}
