using KB.Web.Features.Triage;
using KB.Web.Features.Triage.Readers;

namespace KB.Tests.Triage;

public class ReaderTests
{
    private static (string Cause, double Weight)? Strongest(IFindingReader reader, string line) =>
        reader.Read(line).OrderByDescending(finding => finding.Weight).Select(finding => ((string, double)?)(finding.Cause, finding.Weight)).FirstOrDefault();

    [Theory]
    [InlineData("SC--", "upstream-down")]
    [InlineData("sC--", "firewall-blocked")]
    [InlineData("sH--", "upstream-timeout")]
    [InlineData("SH--", "connection-reset")]
    [InlineData("SD--", "connection-reset")]
    [InlineData("PH--", "invalid-response")]
    [InlineData("sQ--", "resource-exhaustion")]
    public void Haproxy_termination_state_names_the_cause(string state, string cause)
    {
        var line = $"Mar 4 10:00:00 lb haproxy[1201]: 10.0.0.1:51234 [04/Mar/2025:10:00:00.120] fe_http be_app/app1 0/0/-1/-1/3 502 217 - - {state} 1/1/0/0/3 0/0 \"GET / HTTP/1.1\"";

        Assert.Equal(cause, Strongest(new HaproxyTerminationState(), line)?.Cause);
    }

    [Fact]
    public void Haproxy_client_side_states_name_no_cause()
    {
        Assert.Null(Strongest(new HaproxyTerminationState(), "haproxy[1]: 10.0.0.1:1 [x] fe be/s1 0/0/0/-1/5 400 0 - - CR-- 1/1/0/0/0 0/0 \"GET / HTTP/1.1\""));
    }

    [Theory]
    [InlineData("[2024-05-14T09:12:03.120Z] \"GET / HTTP/1.1\" 503 UF,URX upstream_reset_before_response_started{connection_failure} - \"-\" 0 91 3 - \"-\"", "upstream-down", 0)]
    [InlineData("[2024-05-14T09:12:03.120Z] \"GET / HTTP/1.1\" 503 UC upstream_reset_before_response_started{connection_termination} - \"-\" 0 95 1 - \"-\"", "connection-reset", 0)]
    [InlineData("[2024-05-14T09:12:03.120Z] \"POST /pay HTTP/2\" 504 UT response_timeout - \"-\" 120 24 15001 - \"-\"", "upstream-timeout", 0)]
    [InlineData("[2024-05-14T09:12:03.120Z] \"GET / HTTP/1.1\" 404 NR route_not_found - \"-\" 0 0 0 - \"-\"", "misconfiguration", 0)]
    [InlineData("[2024-05-14T09:12:03.120Z] \"GET / HTTP/1.1\" 502 UPE upstream_reset_before_response_started{protocol_error} - \"-\" 0 87 721 - \"-\"", "invalid-response", 0)]
    [InlineData("{\"response_code\":503,\"response_flags\":\"UO\",\"upstream_cluster\":\"outbound|80||api\"}", "resource-exhaustion", 0)]
    public void Envoy_response_flags_name_the_cause(string line, string cause, int _)
    {
        Assert.Equal(cause, Strongest(new EnvoyResponseFlags(), line)?.Cause);
    }

    [Theory]
    [InlineData("http 2024-05-14T09:12:03.120000Z app/web/50dc6c495c0c9188 10.0.0.7:2817 10.0.3.12:8080 -1 -1 -1 502 - 94 326 \"GET http://shop:80/ HTTP/1.1\" \"curl/8\" - -", "upstream-down")]
    [InlineData("https 2024-05-14T09:12:03.120000Z app/web/50dc6c495c0c9188 10.0.0.7:2817 10.0.3.12:8080 0.000 -1 -1 502 - 94 326 \"GET https://shop:443/ HTTP/1.1\" \"curl/8\" - -", "connection-reset")]
    [InlineData("h2 2024-05-14T09:12:03.120000Z app/web/50dc6c495c0c9188 10.0.0.7:2817 10.0.3.12:8080 0.001 60.001 -1 504 - 220 0 \"POST https://shop:443/report HTTP/2.0\" \"curl/8\" - -", "upstream-timeout")]
    [InlineData("http 2024-05-14T09:12:03.120000Z app/web/50dc6c495c0c9188 10.0.0.7:2817 - -1 -1 -1 503 - 94 326 \"GET http://shop:80/ HTTP/1.1\" \"curl/8\" - -", "upstream-down")]
    public void Alb_fields_name_the_cause(string line, string cause)
    {
        Assert.Equal(cause, Strongest(new AwsAlbLogEntry(), line)?.Cause);
    }

    [Fact]
    public void Alb_entry_with_a_healthy_answer_names_no_cause()
    {
        Assert.Null(Strongest(new AwsAlbLogEntry(), "http 2024-05-14T09:12:03.120000Z app/web/5 10.0.0.7:2817 10.0.3.12:8080 0.001 0.020 0.000 200 200 94 326 \"GET http://shop:80/ HTTP/1.1\" \"curl/8\" - -"));
    }

    [Theory]
    [InlineData("\"statusDetails\": \"failed_to_connect_to_backend\"", "upstream-down")]
    [InlineData("jsonPayload.statusDetails=\"backend_timeout\"", "upstream-timeout")]
    [InlineData("statusDetails: backend_connection_closed_before_data_sent_to_client", "connection-reset")]
    public void Gcp_status_details_name_the_cause(string line, string cause)
    {
        Assert.Equal(cause, Strongest(new GcpStatusDetails(), line)?.Cause);
    }

    [Theory]
    [InlineData("2024-05-14 09:12:03 10.0.0.5 GET /cart - 443 - 10.0.0.7 Mozilla/5.0 - 502 3 12002 30015", "upstream-timeout")]
    [InlineData("2024-05-14 09:12:03 10.0.0.5 GET /cart - 443 - 10.0.0.7 Mozilla/5.0 - 502 3 12029 15", "upstream-down")]
    [InlineData("2024-05-14 09:12:03 10.0.0.5 GET /cart - 443 - 10.0.0.7 Mozilla/5.0 - 502 3 12031 120", "connection-reset")]
    [InlineData("2024-05-14 09:12:03 10.0.0.5 GET /cart - 443 - 10.0.0.7 Mozilla/5.0 - 502 3 12175 40", "tls-upstream")]
    [InlineData("Error Code 0x80072ee7", "dns-resolution")]
    [InlineData("HttpSubStatus=\"3\", ErrorCode=\"2147954552\"", "invalid-response")]
    [InlineData("HTTP Error 502.5 - ANCM Out-Of-Process Startup Failure", "application-crash")]
    public void Iis_codes_name_the_cause(string line, string cause)
    {
        Assert.Equal(cause, Strongest(new IisStatus(), line)?.Cause);
    }

    [Theory]
    [InlineData("connect() failed (111: Connection refused) while connecting to upstream", "upstream-down")]
    [InlineData("[proxy:error] (111)Connection refused: AH00957: http: attempt to connect to 10.0.0.1:8080 failed", "upstream-down")]
    [InlineData("[Errno 111] Connection refused", "upstream-down")]
    [InlineData("Error: connect ECONNREFUSED 127.0.0.1:3000", "upstream-down")]
    [InlineData("http: proxy error: dial tcp 10.0.0.9:8080: connect: no route to host", "network-unreachable")]
    [InlineData("recv() failed (104: Connection reset by peer) while reading response header from upstream", "connection-reset")]
    [InlineData("connect() failed (110: Connection timed out) while connecting to upstream", "firewall-blocked")]
    [InlineData("upstream timed out (110: Connection timed out) while reading response header from upstream", "upstream-timeout")]
    [InlineData("[HPM] Error occurred while trying to proxy request / (ETIMEDOUT)", "firewall-blocked")]
    [InlineData("accept4() failed (24: Too many open files)", "resource-exhaustion")]
    [InlineData("connect() to unix:/run/php/php8.2-fpm.sock failed (13: Permission denied) while connecting to upstream", "socket-permission")]
    public void System_errors_name_the_cause_whatever_their_spelling(string line, string cause)
    {
        Assert.Equal(cause, Strongest(new SystemErrors(), line)?.Cause);
    }

    [Theory]
    [InlineData("[error] jk_ajp_common.c (1110): failed reading reply from backend (10.1.2.3:8009), err=-110", "upstream-timeout")]
    [InlineData("WARN ThreadId(02) outbound: proxy error=connection closed before message completed", "connection-reset")]
    [InlineData("ERR error=\"unable to reach the origin: EOF\" connIndex=0", "connection-reset")]
    [InlineData("The gateway was unable to establish a secure connection with the backend.", "tls-upstream")]
    [InlineData("502 Bad Gateway remote error: tls: bad certificate", "tls-upstream")]
    public void System_errors_read_other_spellings_of_the_same_failures(string line, string cause)
    {
        Assert.Equal(cause, Strongest(new SystemErrors(), line)?.Cause);
    }

    [Fact]
    public void A_thread_number_in_parentheses_is_no_system_error()
    {
        Assert.Null(Strongest(new SystemErrors(), "INFO ThreadId(01) inbound:server{port=8080}: request served"));
    }

    [Theory]
    [InlineData("web.service: Scheduled restart job, restart counter is at 5.", "application-crash")]
    [InlineData("App [api:0] exited with code [1] via signal [SIGINT]", "application-crash")]
    [InlineData("Error: Cannot find module 'express'", "application-crash")]
    [InlineData("ModuleNotFoundError: No module named 'flask'", "application-crash")]
    [InlineData("web.service: Main process exited, code=killed, status=9/KILL", "resource-exhaustion")]
    [InlineData("backends: '{\"k8s-be-31000--abc\":\"UNHEALTHY\"}'", "upstream-down")]
    [InlineData("<h1>503 Service Unavailable</h1> No server is available to handle this request.", "upstream-down")]
    [InlineData("dial tcp: lookup ${BACKEND_HOST}: no such host", "misconfiguration")]
    [InlineData("No protocol handler was valid for the URL /app (scheme 'ajp').", "misconfiguration")]
    public void Platform_and_process_messages_name_the_cause(string line, string cause)
    {
        Assert.Equal(cause, Strongest(new PlatformErrors(), line)?.Cause);
    }

    [Fact]
    public void A_redacted_host_name_is_no_unexpanded_variable()
    {
        Assert.Null(Strongest(new PlatformErrors(), "upstream: \"https://<ip>/\", host: \"<domain>\""));
    }

    [Theory]
    [InlineData("HTTP/1.1 520 Web Server Returned an Unknown Error", "invalid-response")]
    [InlineData("CloudFlare is unable to establish an SSL connection to the origin server.", "tls-upstream")]
    public void Cloudflare_pages_name_the_cause(string line, string cause)
    {
        Assert.Equal(cause, Strongest(new CloudflareErrors(), line)?.Cause);
    }

    [Theory]
    [InlineData("2024/05/14 09:12:03 [error] 2817#2817: *1 upstream sent too big header while reading response header from upstream", "nginx")]
    [InlineData("haproxy[1201]: 10.0.0.1:51234 [14/May/2024:09:12:03.120] fe be/s1 0/0/-1/-1/3 503 217 - - SC-- 1/1/0/0/3 0/0 \"GET / HTTP/1.1\"", "haproxy")]
    [InlineData("[2024-05-14T09:12:03.120Z] \"GET / HTTP/1.1\" 503 UF - \"-\" 0 91 3 - \"-\"", "envoy")]
    [InlineData("time=\"2024-05-14T09:12:03Z\" level=debug msg=\"'502 Bad Gateway' caused by: dial tcp 172.18.0.5:80: connect: connection refused\"", "traefik")]
    [InlineData("{\"level\":\"error\",\"logger\":\"http.log.error\",\"msg\":\"dial tcp 127.0.0.1:9000: connect: connection refused\"}", "caddy")]
    [InlineData("[Tue May 14 09:12:03.120 2024] [proxy_http:error] [pid 4121] (104)Connection reset by peer: AH01102: error reading status line", "apache")]
    [InlineData("http 2024-05-14T09:12:03.120000Z app/web/5 10.0.0.7:2817 10.0.3.12:8080 -1 -1 -1 502 - 94 326 \"GET http://shop:80/ HTTP/1.1\"", "aws-alb")]
    [InlineData("[14-May-2024 09:12:03] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it", "php-fpm")]
    [InlineData("[2024-05-14 09:12:03 +0000] [7] [CRITICAL] WORKER TIMEOUT (pid:12)", "gunicorn")]
    [InlineData("May 14 09:12:03 web kernel: Out of memory: Killed process 4121 (node) total-vm:2012kB", "kernel")]
    [InlineData("just some words", null)]
    public void Emitter_is_recognised_from_the_shape_of_the_line(string line, string? emitter)
    {
        Assert.Equal(emitter, EmitterDetector.Detect(line));
    }
}
