using System.Net;
using System.Net.Http.Json;
using System.Text;
using KB.Tests.Accounts;
using KB.Web.Data;
using KB.Web.Features.Triage;
using KB.Web.Features.Triage.Unexplained;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Triage.Unexplained;

public sealed class UnexplainedLinesTests : IDisposable
{
    private const string Unknown = "2026-12-02T11:58:29Z frobnicator[4242]: widget pipeline error W-17 on 10.0.4.17:7000, giving up";
    private const string Refused = "connect() failed (111: Connection refused) while connecting to upstream, upstream: \"http://10.0.3.12:8080/cart\"";

    private readonly KbApp _app = new();

    private TriageEngine Engine => _app.Services.GetRequiredService<TriageEngine>();
    private UnexplainedLines Lines => _app.Services.GetRequiredService<UnexplainedLines>();

    private async Task RecordAsync(string text) => await Lines.RecordAsync(text, await Engine.TriageAsync(text));

    private async Task<List<UnexplainedLine>> StoredAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();
        return await db.UnexplainedLines.OrderBy(line => line.Id).ToListAsync();
    }

    [Fact]
    public async Task A_line_no_signature_explains_is_kept_masked_and_counted_each_time_it_is_pasted()
    {
        await RecordAsync(Unknown);
        await RecordAsync(Unknown.Replace("10.0.4.17:7000", "10.0.9.2:7001").Replace("11:58:29", "12:03:01"));

        var line = Assert.Single(await StoredAsync());
        Assert.Equal("<time> frobnicator[<n>]: widget pipeline error W-17 on <ip>:<port>, giving up", line.Masked);
        Assert.Equal(2, line.Count);
        Assert.True(line.LastSeen >= line.FirstSeen);
    }

    [Fact]
    public async Task A_paste_with_an_explained_line_keeps_none_of_its_lines()
    {
        var result = await Engine.TriageAsync(Refused + "\n" + Unknown);
        await Lines.RecordAsync(Refused + "\n" + Unknown, result);

        Assert.False(UnexplainedLines.Unexplained(result));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Blank_lines_and_access_log_lines_below_500_are_not_kept()
    {
        await RecordAsync("\n   \n10.0.0.7 - - [14/May/2024:09:12:02 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\"\n" + Unknown);

        Assert.Equal(["frobnicator"], (await StoredAsync()).Select(line => line.Masked.Split(' ')[1].Split('[')[0]));
    }

    [Fact]
    public async Task A_paste_to_the_api_counts_too()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/triage", new { text = Unknown });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, Assert.Single(await StoredAsync()).Count);
    }

    [Fact]
    public async Task Secrets_addresses_and_mail_addresses_of_a_paste_are_nowhere_in_the_database()
    {
        const string token = "Zx8kQ2mP9vL4tR7wY1nB3cD6";
        const string mail = "oncall.person@corp-mail.example.com";
        const string address = "172.31.44.201";
        await _app.CreateClient().PostAsJsonAsync("/api/triage", new { text = $"frobnicator: auth error for {mail} from {address} with key={token} and cookie {token}x" });

        var stored = Assert.Single(await StoredAsync()).Masked;
        Assert.DoesNotContain(token, stored);
        Assert.DoesNotContain(mail, stored);
        Assert.DoesNotContain(address, stored);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_app.DatabasePath)!, "kb.db*"))
        {
            var bytes = Encoding.UTF8.GetString(await ReadSharedAsync(file));
            Assert.DoesNotContain(token, bytes);
            Assert.DoesNotContain(mail, bytes);
            Assert.DoesNotContain(address, bytes);
        }
    }

    [Fact]
    public async Task One_paste_adds_at_most_its_share_of_lines()
    {
        var paste = string.Join('\n', Enumerable.Range(0, 200).Select(i => $"frobnicator: widget error in stage-{(char)('a' + i % 26)}{(char)('a' + i / 26)}"));

        await RecordAsync(paste);

        Assert.Equal(UnexplainedLines.MaxLinesPerPaste, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task Past_the_cap_the_lines_seen_longest_ago_go()
    {
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync())
        {
            var long_ago = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            db.UnexplainedLines.AddRange(Enumerable.Range(0, UnexplainedLines.MaxRows).Select(i => new UnexplainedLine
            {
                Masked = $"old error {i}",
                Count = 9,
                FirstSeen = long_ago.AddMinutes(i),
                LastSeen = long_ago.AddMinutes(i),
            }));
            await db.SaveChangesAsync();
        }

        await RecordAsync(Unknown);

        var stored = await StoredAsync();
        Assert.Equal(UnexplainedLines.MaxRows, stored.Count);
        Assert.DoesNotContain(stored, line => line.Masked == "old error 0");
        Assert.Contains(stored, line => line.Masked.Contains("frobnicator"));
    }

    [Fact]
    public async Task A_dismissed_line_is_no_longer_listed()
    {
        await RecordAsync(Unknown);
        var line = (await Lines.ListAsync(0, 10)).Lines.Single();

        Assert.True(await Lines.DismissAsync(line.Id));

        Assert.Equal(0, (await Lines.ListAsync(0, 10)).Total);
        Assert.False(await Lines.DismissAsync(line.Id));
    }

    [Fact]
    public async Task The_page_is_open_to_editors_linked_in_their_navigation_and_closed_to_responders()
    {
        var editor = await _app.SignInAsAsync(KB.Web.Features.Accounts.Roles.Editor);
        var responder = await _app.SignInAsAsync(KB.Web.Features.Accounts.Roles.Responder);

        var page = await editor.GetStringAsync("/triage/unexplained");
        var denied = await responder.GetAsync("/triage/unexplained");

        Assert.Contains("<h1", page);
        Assert.Contains("Unexplained lines</h1>", page);
        Assert.Contains("href=\"/triage/unexplained\"", page);
        Assert.Equal("/account/denied", denied.Headers.Location!.AbsolutePath);
        Assert.DoesNotContain("href=\"/triage/unexplained\"", await responder.GetStringAsync("/triage"));
    }

    [Fact]
    public async Task The_editor_opened_from_a_line_holds_it_as_a_new_signature_of_the_cause()
    {
        await RecordAsync(Unknown);
        var line = (await Lines.ListAsync(0, 10)).Lines.Single();
        var editor = await _app.SignInAsAsync(KB.Web.Features.Accounts.Roles.Editor);

        var page = WebUtility.HtmlDecode(await editor.GetStringAsync($"/kb/upstream-down/edit?line={line.Id}"));

        Assert.Contains("Signature from an unexplained line", page);
        Assert.Contains($"  - emitter: generic\n    pattern: '{SignatureDraft.Pattern(line.Masked)}'", page);
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public void Dispose() => _app.Dispose();
}
