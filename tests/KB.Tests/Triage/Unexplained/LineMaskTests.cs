using KB.Web.Features.Triage.Unexplained;

namespace KB.Tests.Triage.Unexplained;

public class LineMaskTests
{
    [Theory]
    [InlineData("connect to 10.0.4.17 failed", "connect to <ip> failed")]
    [InlineData("dial tcp 10.0.4.17:8080: i/o failure", "dial tcp <ip>:<port>: i/o failure")]
    [InlineData("connect to [2001:db8::17]:8443 failed", "connect to [<ip>]:<port> failed")]
    [InlineData("peer fe80::1ff:fe23:4567:890a went away", "peer <ip> went away")]
    [InlineData("upstream ::1 failed", "upstream <ip> failed")]
    [InlineData("upstream api.internal:9000 failed", "upstream <host>:<port> failed")]
    [InlineData("request 3f2b8c1e-9a4d-4c7b-8e2f-1a2b3c4d5e6f failed", "request <id> failed")]
    [InlineData("trace 4bf92f3577b34da6a3ce929d0e0e4736 failed", "trace <id> failed")]
    [InlineData("IIS code 0x80072ee2 failed", "IIS code 0x80072ee2 failed")]
    [InlineData("2026-12-02T11:58:29.123Z error: upstream failed", "<time> error: upstream failed")]
    [InlineData("2026-12-02 11:58:29,123 ERROR upstream failed", "<time> ERROR upstream failed")]
    [InlineData("2026/12/02 11:58:29 [error] 1234#1234: *42 upstream failed", "<time> [error] <n>#<n>: *<n> upstream failed")]
    [InlineData("[02/Dec/2026:11:58:29 +0000] backend failed", "[<time>] backend failed")]
    [InlineData("[Wed Dec 02 11:58:29.123456 2026] [proxy:error] failed", "[<time>] [proxy:error] failed")]
    [InlineData("Dec  2 11:58:29 web1 app: failed", "<time> web1 app: failed")]
    [InlineData("at 1733140709.123 the backend failed", "at <time> the backend failed")]
    [InlineData("failed for alice.smith+ops@example.com", "failed for <email>")]
    [InlineData("Authorization: Bearer abcDEF123456ghiJKL", "Authorization: <secret>")]
    [InlineData("auth failed with token=s3cr3t-value", "auth failed with token=<secret>")]
    [InlineData("failed: api_key=AKIAIOSFODNN7EXAMPLE&x=1", "failed: api_key=<secret>&x=1")]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl rejected", "jwt <token> rejected")]
    [InlineData("session Zx8kQ2mP9vL4tR7wY1nB3cD6 invalid", "session <token> invalid")]
    [InlineData("cookie value Zx8kQ2mP9vL4tR7wY1nB3cD6 invalid", "cookie value <token> invalid")]
    [InlineData("GET /users/12345/orders?id=99&sig=abc failed", "GET /users/<n>/orders?<query> failed")]
    [InlineData("connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable)", "connect() to unix:/run/php/php<n>.<n>-fpm.sock failed (11: Resource temporarily unavailable)")]
    [InlineData("java.net.ConnectException: Connection refused", "java.net.ConnectException: Connection refused")]
    [InlineData("took 1532 ms and 0.004 s, errno 111", "took <n> ms and <n> s, errno 111")]
    [InlineData("host ip-10-0-4-17.ec2.internal unreachable", "host ip-<ip>.ec2.internal unreachable")]
    [InlineData("https://user:hunter2@repo.example.com/x failed", "https://<secret>@<host>/x failed")]
    public void Masks_what_could_identify_a_system_or_a_person(string line, string masked) =>
        Assert.Equal(masked, LineMask.Mask(line));

    [Fact]
    public void A_masked_line_is_cut_to_its_maximum_length() =>
        Assert.Equal(LineMask.MaxLength, LineMask.Mask("upstream failed " + new string('x', 5_000)).Length);

    [Theory]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("10.0.0.7 - - [14/May/2024:09:12:02 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\"", false)]
    [InlineData("10.0.0.7 - - [14/May/2024:09:12:02 +0000] \"GET /missing HTTP/1.1\" 404 0 \"-\" \"curl/8.0\"", false)]
    [InlineData("10.0.0.7 - - [14/May/2024:09:12:02 +0000] \"GET /cart HTTP/1.1\" 502 157 \"-\" \"curl/8.0\"", true)]
    [InlineData("frobnicator: widget pipeline error 7, giving up", true)]
    [InlineData("Starting server on port 8080", false)]
    [InlineData("}", false)]
    public void Only_lines_that_name_a_failure_are_kept(string line, bool kept) =>
        Assert.Equal(kept, LineMask.LooksLikeErrorLine(line));
}
