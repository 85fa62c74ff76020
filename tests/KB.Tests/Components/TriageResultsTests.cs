using Bunit;
using KB.Web.Features.Triage;
using KB.Web.Features.Triage.Runbook;

namespace KB.Tests.Components;

public class TriageResultsTests : ComponentTestContext
{
    [Fact]
    public void Shows_the_verdict_and_the_first_steps_filled_from_the_paste_with_the_line_each_value_came_from()
    {
        var line = "connect() failed (110: Connection timed out) while connecting to upstream, upstream: \"http://10.0.4.17:8080/\"";
        var values = PasteValues.Read([line]);
        var step = RunbookFiller.Fill("Test from the proxy host: `nc -vz -w 5 {{upstream_host:10.0.8.21}} {{upstream_port:8080}}`", values);
        var candidate = new TriageCandidate("firewall-blocked", "A firewall drops the connection", 1, 1, [new Evidence(1, line, 10, 24, "nginx", "system error ETIMEDOUT")], [step]);
        var result = new TriageResult([candidate], [new EmitterCount("nginx", 1)], 1, 1, 0, UsedFullTextFallback: false);

        var rendered = Context.Render<TriageResults>(parameters => parameters.Add(x => x.Result, result));

        Assert.Equal("Likely A firewall drops the connection.", rendered.Find(".triage-verdict").TextContent);
        Assert.Contains("nc -vz -w 5 10.0.4.17 8080", rendered.Find(".first-steps li code").TextContent);
        Assert.Equal("from the paste: upstream host 10.0.4.17 (line 1), upstream port 8080 (line 1)", rendered.Find(".step-values").TextContent);
    }

    [Fact]
    public async Task Correcting_a_value_fills_the_commands_again_and_the_copy_button_copies_the_corrected_command()
    {
        var line = "connect() failed (110: Connection timed out) while connecting to upstream, upstream: \"http://10.0.4.17:8080/\"";
        var step = RunbookFiller.Fill("Test from the proxy host: `nc -vz -w 5 {{upstream_host:10.0.8.21}} {{upstream_port:8080}}`", PasteValues.Read([line]));
        var candidate = new TriageCandidate("firewall-blocked", "A firewall drops the connection", 1, 1, [], [step]);
        var result = new TriageResult([candidate], [], 1, 1, 0, UsedFullTextFallback: false);
        var copied = Context.JSInterop.SetupVoid("kbCopyText", "nc -vz -w 5 10.0.4.99 8080");
        copied.SetVoidResult();

        var rendered = Context.Render<TriageResults>(parameters => parameters.Add(x => x.Result, result).Add(x => x.Lines, [line]));
        Assert.Contains("from line 1: connect() failed (110", rendered.Find(".paste-values").TextContent);
        var host = rendered.Find(".paste-values input");
        await host.InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "10.0.4.99" });

        rendered.WaitForAssertion(() => Assert.Contains("nc -vz -w 5 10.0.4.99 8080", rendered.Find(".first-steps li code").TextContent), TimeSpan.FromSeconds(5));
        Assert.Contains("corrected", rendered.Find(".paste-values").TextContent);
        Assert.Equal("from the paste: upstream host 10.0.4.99 (corrected), upstream port 8080 (line 1)", rendered.Find(".step-values").TextContent);
        await rendered.Find("button[aria-label='Copy command: nc -vz -w 5 10.0.4.99 8080']").ClickAsync(new());
        copied.VerifyInvoke("kbCopyText");
    }

    [Fact]
    public void A_split_answer_shows_the_check_that_tells_the_two_causes_apart_with_a_copy_button()
    {
        var line = "connect() failed (111: Connection refused) while connecting to upstream, upstream: \"http://10.0.9.31:9000/\"";
        var values = PasteValues.Read([line]);
        var check = RunbookFiller.Fill("nc -vz -w 5 {{upstream_host:10.0.4.17}} {{upstream_port:8080}}", values);
        var result = new TriageResult(
            [
                new TriageCandidate("upstream-down", "Nothing listens", 1, 0.5, [], []),
                new TriageCandidate("firewall-blocked", "A firewall drops it", 1, 0.5, [], []),
            ],
            [], 2, 2, 0, UsedFullTextFallback: false)
        {
            TellApart = new TellApartStep("upstream-down", "firewall-blocked", check, "Instant `Connection refused`: nothing listens. <b>Silence</b>: a firewall."),
        };
        Context.JSInterop.SetupVoid("kbCopyText", "nc -vz -w 5 10.0.9.31 9000").SetVoidResult();

        var rendered = Context.Render<TriageResults>(parameters => parameters.Add(x => x.Result, result));
        var section = rendered.Find("section[aria-label='Tell the causes apart']");
        rendered.Find("button[aria-label='Copy command: nc -vz -w 5 10.0.9.31 9000']").Click();

        Assert.Equal("Nothing listens or A firewall drops it? This check tells them apart:", section.QuerySelector(".tell-apart-title")!.TextContent);
        Assert.Equal("nc -vz -w 5 10.0.9.31 9000", section.QuerySelector("code")!.TextContent);
        Assert.Equal("Connection refused", section.QuerySelector(".tell-apart-reading code")!.TextContent);
        Assert.Null(section.QuerySelector(".tell-apart-reading b"));
        Assert.Equal("from the paste: upstream host 10.0.9.31 (line 1), upstream port 9000 (line 1)", section.QuerySelector(".step-values")!.TextContent);
        Context.JSInterop.VerifyInvoke("kbCopyText");
    }

    [Fact]
    public void Says_it_does_not_know_when_no_line_names_a_cause()
    {
        var result = new TriageResult([], [], 1, 1, 0, UsedFullTextFallback: true);

        var rendered = Context.Render<TriageResults>(parameters => parameters.Add(x => x.Result, result));

        Assert.StartsWith("I don't know", rendered.Find(".triage-verdict").TextContent);
    }
}
