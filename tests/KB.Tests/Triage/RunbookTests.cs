using KB.Tests.Knowledge;
using KB.Web.Features.Triage;
using KB.Web.Features.Triage.Runbook;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Triage;

public class RunbookTests(ShippedContentApp app) : IClassFixture<ShippedContentApp>
{
    private const string NginxTimeout = "2024/05/14 09:12:03 [error] 2817#2817: *1043 upstream timed out (110: Connection timed out) while connecting to upstream, client: 10.0.0.7, server: shop.example.com, request: \"GET /cart HTTP/1.1\", upstream: \"http://10.0.4.17:8080/cart\", host: \"shop.example.com\"";
    private const string MissingSocket = "2020/02/20 16:45:08 [crit] 551#551: *1 connect() to unix:/var/run/php-fpm.sock failed (2: No such file or directory) while connecting to upstream, client: 172.17.0.1, server: , request: \"GET / HTTP/1.1\", upstream: \"fastcgi://unix:/var/run/php-fpm.sock:\", host: \"localhost:5000\"";

    private static string Value(IReadOnlyList<PasteValue> values, string name) => Assert.Single(values, value => value.Name == name).Value;

    [Fact]
    public void Reads_the_upstream_host_port_and_request_host_from_an_nginx_line()
    {
        var values = PasteValues.Read(["10.0.0.7 - - [14/May/2024:09:12:02 +0000] \"GET / HTTP/1.1\" 200 2", NginxTimeout]);

        Assert.Equal("10.0.4.17:8080", Value(values, PasteValues.Upstream));
        Assert.Equal("10.0.4.17", Value(values, PasteValues.UpstreamHost));
        Assert.Equal("8080", Value(values, PasteValues.UpstreamPort));
        Assert.Equal("shop.example.com", Value(values, PasteValues.Host));
        Assert.All(values, value => Assert.Equal(2, value.LineNumber));
    }

    [Theory]
    [InlineData(MissingSocket, PasteValues.Socket, "/var/run/php-fpm.sock")]
    [InlineData("dial unix /run/app/web.sock: connect: no such file or directory", PasteValues.Socket, "/run/app/web.sock")]
    [InlineData("http: proxy error: dial tcp 10.9.8.7:9000: connect: connection refused", PasteValues.Upstream, "10.9.8.7:9000")]
    [InlineData("[HPM] Error occurred while trying to proxy request /api from localhost:8080 to http://localhost:4000 (ECONNREFUSED)", PasteValues.Upstream, "localhost:4000")]
    [InlineData("http: proxy error: dial tcp: lookup httpbin on 127.0.0.11:53: no such host", PasteValues.Name, "httpbin")]
    [InlineData("2018/06/08 12:51:17 [error] *426 api.shop.internal could not be resolved (3: Host not found), client: 85.25.210.41", PasteValues.Name, "api.shop.internal")]
    [InlineData("haproxy[1201]: 10.0.0.1:51234 [14/May/2024:09:12:03.120] fe_http be_app/app1 0/0/-1/-1/3 503 217 - - SC-- 1/1/0/0/3 0/0 \"GET / HTTP/1.1\"", PasteValues.Backend, "be_app")]
    [InlineData("\"message\": \"no endpoints available for service \\\"kubernetes-dashboard\\\"\"", PasteValues.Service, "kubernetes-dashboard")]
    public void Reads_the_value_each_emitter_prints(string line, string name, string expected)
    {
        Assert.Equal(expected, Value(PasteValues.Read([line]), name));
    }

    [Fact]
    public void A_step_gets_the_pasted_values_and_keeps_its_examples_for_the_rest()
    {
        var values = PasteValues.Read([NginxTimeout]);

        var step = RunbookFiller.Fill("Test it: `nc -vz -w 5 {{upstream_host:10.0.8.21}} {{upstream_port:8080}}` then `namei -l {{socket:/run/php/php8.2-fpm.sock}}`", values);

        Assert.Equal("Test it: `nc -vz -w 5 10.0.4.17 8080` then `namei -l /run/php/php8.2-fpm.sock`", step.Text);
        Assert.Equal([PasteValues.UpstreamHost, PasteValues.UpstreamPort], step.Filled.Select(value => value.Name));
        Assert.Equal("`getent hosts backend.internal`", RunbookFiller.Example("`getent hosts {{name:backend.internal}}`"));
    }

    [Fact]
    public async Task Triage_shows_the_cause_checklist_with_the_commands_for_this_paste()
    {
        var engine = app.Services.GetRequiredService<TriageEngine>();

        var firewall = (await engine.TriageAsync(NginxTimeout)).Candidates[0];
        var socket = (await engine.TriageAsync(MissingSocket)).Candidates[0];

        Assert.Equal("firewall-blocked", firewall.Cause);
        Assert.Contains("nc -vz -w 5 10.0.4.17 8080", firewall.FirstSteps[0]);
        Assert.Contains(firewall.Steps[0].Filled, value => value.Name == PasteValues.UpstreamHost && value.LineNumber == 1);
        Assert.Equal("socket-permission", socket.Cause);
        Assert.Contains(socket.FirstSteps, step => step.Contains("namei -l /var/run/php-fpm.sock"));
        Assert.DoesNotContain(firewall.FirstSteps.Concat(socket.FirstSteps), step => step.Contains("{{"));
    }
}
