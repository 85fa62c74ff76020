using KB.Web.Features.Response;

namespace KB.Tests.Response;

/// <summary>Times read from real log lines of the proxies and hosts that answer 502, and the window they make.</summary>
public sealed class LogTimesTests
{
    private static readonly DateTime At031209 = new(2026, 11, 30, 3, 12, 9, DateTimeKind.Utc);

    [Theory]
    [InlineData("2026/11/30 03:12:09 [error] 2817#2817: *1043 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.7")]
    [InlineData("10.0.0.7 - - [30/Nov/2026:03:12:09 +0000] \"GET /cart HTTP/1.1\" 502 157 \"-\" \"curl/8.5.0\"")]
    [InlineData("10.0.0.7 - - [30/Nov/2026:04:12:09 +0100] \"GET /cart HTTP/1.1\" 502 157 \"-\" \"curl/8.5.0\"")]
    [InlineData("10.0.0.7 - - [29/Nov/2026:22:12:09 -0500] \"POST /api HTTP/2.0\" 502 0")]
    [InlineData("Nov 30 03:12:09 lb1 haproxy[311]: 10.0.0.7:51234 [30/Nov/2026:03:12:09.120] web~ api/srv1 0/0/-1/-1/3001 503 217 - - SC-- 1/1/0/0/3 0/0 \"GET / HTTP/1.1\"")]
    [InlineData("[2026-11-30T03:12:09.000Z] \"GET /cart HTTP/1.1\" 503 UF 0 91 30 - \"-\" \"curl/8.5.0\" \"a1b2\" \"shop\" \"10.0.3.12:8080\"")]
    [InlineData("{\"level\":\"error\",\"ts\":\"2026-11-30T03:12:09Z\",\"logger\":\"http.log.error\",\"msg\":\"dial tcp 10.0.3.12:8080: connect: connection refused\"}")]
    [InlineData("2026-11-30T05:12:09+02:00 traefik level=error msg=\"502 Bad Gateway caused by: dial tcp: connection refused\"")]
    [InlineData("h2 2026-11-30T03:12:09.118320Z app/shop-alb/50dc6c495c0c9188 10.0.0.7:2817 10.0.3.12:80 0.000 -1 -1 502 - 34 366")]
    [InlineData("[Mon Nov 30 03:12:09.000000 2026] [proxy:error] [pid 2817:tid 140] (111)Connection refused: AH00957: http: attempt to connect to 10.0.3.12:8080 (*) failed")]
    [InlineData("Nov 30 03:12:09 web1 nginx[2817]: 2026/11/30 03:12:09 [error] 2817#2817: *1 upstream timed out")]
    [InlineData("<27>Nov 30 03:12:09 web1 gunicorn[911]: [CRITICAL] WORKER TIMEOUT (pid:912)")]
    [InlineData("2026-11-30 03:12:09,000 ERROR [uwsgi] harakiri triggered")]
    public void Reads_the_time_of_each_format(string line)
    {
        var time = LogTimes.Read(line, 2026)!.Value;

        Assert.Equal(At031209, time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Fact]
    public void Syslog_takes_the_year_it_is_given()
    {
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), LogTimes.Read("Jan  2 03:04:05 host kernel: Out of memory: Killed process 912", 2025));
    }

    [Theory]
    [InlineData("upstream: \"http://10.0.3.12:8080/cart\", host: \"shop.example.com\"")]
    [InlineData("connect() failed (111: Connection refused) while connecting to upstream")]
    [InlineData("")]
    [InlineData("2026/13/45 99:12:09 [error] not a date")]
    [InlineData("version 2026-11-30 build")]
    public void A_line_without_a_time_has_none(string line)
    {
        Assert.Null(LogTimes.Read(line, 2026));
    }

    [Fact]
    public void The_window_starts_at_the_first_failing_line_and_counts_failures_per_minute()
    {
        var log = string.Join('\n',
            "10.0.0.7 - - [30/Nov/2026:03:11:58 +0000] \"GET / HTTP/1.1\" 200 512",
            "10.0.0.7 - - [30/Nov/2026:03:12:09 +0000] \"GET /cart HTTP/1.1\" 502 157",
            "10.0.0.8 - - [30/Nov/2026:03:12:40 +0000] \"GET /cart HTTP/1.1\" 502 157",
            "  upstream: \"http://10.0.3.12:8080/\" (a continuation without a time)",
            "2026/11/30 03:14:01 [error] 2817#2817: *1044 connect() failed (111: Connection refused) while connecting to upstream",
            "10.0.0.9 - - [30/Nov/2026:03:14:30 +0000] \"GET /cart HTTP/1.1\" 404 0");

        var window = ImpactWindow.Read(log, 2026)!;

        Assert.Equal(At031209, window.FirstFailure);
        Assert.Equal(new DateTime(2026, 11, 30, 3, 14, 1, DateTimeKind.Utc), window.LastFailure);
        Assert.Equal([2, 0, 1], window.PerMinute.Select(minute => minute.Count));
        Assert.Equal(new DateTime(2026, 11, 30, 3, 12, 0, DateTimeKind.Utc), window.PerMinute[0].Minute);
    }

    [Fact]
    public void A_paste_without_failing_timed_lines_has_no_window()
    {
        Assert.Null(ImpactWindow.Read("connect() failed (111: Connection refused)\n10.0.0.7 - - [30/Nov/2026:03:11:58 +0000] \"GET / HTTP/1.1\" 200 512", 2026));
    }

    [Fact]
    public void A_long_paste_shows_only_the_minutes_that_failed()
    {
        var log = "2026/11/30 01:00:00 [error] first\n2026/11/30 05:00:00 [error] last";

        var window = ImpactWindow.Read(log, 2026)!;

        Assert.Equal(2, window.PerMinute.Count);
    }
}
