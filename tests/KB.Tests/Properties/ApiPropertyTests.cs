using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using KB.Web.Data;
using KB.Web.Features.Audit;
using KB.Web.Features.Incidents;
using KB.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KB.Tests.Properties;

/// <summary>
/// Every /api endpoint, fed hostile input: it never answers 5xx; a refusal is a 400 with problem details that name
/// the field at fault; and nothing is half-written (an incident is saved whole, with its timeline and audit entry, or not at all).
/// </summary>
public sealed class ApiPropertyTests : IDisposable
{
    private static readonly string[] IncidentFields = ["title", "service", "environment", "proxy", "severity", "startedAt", "detectedAt", "errorLog", "cause"];

    private readonly KbApp _app = new();
    private readonly HttpClient _client;

    public ApiPropertyTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Triage_answers_200_with_finite_confidences_or_400_naming_text()
    {
        var body = Gen.Frequency(
            (8, HostileInput.Text(PastedText.MaxBytes).Select(text => (JsonNode?)new JsonObject { ["text"] = text })),
            (1, AnyJson.Select(value => (JsonNode?)new JsonObject { ["text"] = value })),
            (1, AnyJson));

        await body.SampleAsync(async json =>
        {
            var response = await PostJsonAsync("/api/triage", json);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                var candidates = result.GetProperty("candidates");
                Assert.All(candidates.EnumerateArray(), candidate => Assert.InRange(candidate.GetProperty("confidence").GetDouble(), 0, 1));
                Assert.Equal(candidates.GetArrayLength() == 0, result.GetProperty("noEvidence").ValueKind == JsonValueKind.String);
                return;
            }
            await AssertProblemNamingAsync(response, ["text", "body"]);
        }, iter: HostileInput.RequestCases, threads: 1, print: Describe);
    }

    [Fact]
    public async Task Logging_an_incident_saves_it_whole_or_answers_400_naming_the_fields_and_saves_nothing()
    {
        var created = new List<int>();
        var refused = 0;
        await IncidentBodies.SampleAsync(async json =>
        {
            var before = await CountsAsync();
            var response = await PostJsonAsync("/api/incidents", json);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var incident = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                created.Add(incident.GetProperty("id").GetInt32());
                Assert.Equal(TimelineKinds.Created, incident.GetProperty("timeline")[0].GetProperty("kind").GetString());
                Assert.Equal(new Counts(before.Incidents + 1, before.Created + 1, before.Audited + 1), await CountsAsync());
                return;
            }
            refused++;
            await AssertProblemNamingAsync(response, [.. IncidentFields, "body"]);
            Assert.Equal(before, await CountsAsync());
        }, iter: SavableIncidentCases, threads: 1, print: Describe);

        await using var db = await DbAsync();
        foreach (var id in created)
        {
            Assert.Contains(await db.TimelineEntries.Where(entry => entry.IncidentId == id).Select(entry => entry.Kind).ToListAsync(), kind => kind == TimelineKinds.Created);
            Assert.Equal(1, await db.AuditEntries.CountAsync(entry => entry.Action == AuditActions.IncidentCreated && entry.SubjectId == id.ToString()));
        }
        Assert.True(created.Count > 0 && refused > 0, $"{created.Count} saved and {refused} refused: the generator should reach both");
    }

    [Fact]
    public async Task Listing_incidents_with_any_filter_answers_200_or_400_naming_the_filter()
    {
        var queries = Gen.Select(
            Query("status", Gen.OneOf("investigating", "resolved", "RESOLVED")),
            Query("severity", Gen.OneOf("SEV1", "sev4", "SEV0")),
            Query("service", Gen.Const("checkout")),
            Query("cause", Gen.Const("upstream-down")),
            Query("from", HostileInput.Date.Select(date => date.ToString("O"))),
            Query("to", HostileInput.Date.Select(date => date.ToString("O"))),
            Query("q", Gen.Const("timeout")),
            Gen.Select(Query("sort", Gen.OneOf("StartedNewest", "severity")), Query("page", HostileInput.Number.Select(n => n.ToString())), Query("pageSize", HostileInput.Number.Select(n => n.ToString())), (a, b, c) => a + b + c),
            (a, b, c, d, e, f, g, h) => string.Concat(a, b, c, d, e, f, g, h));

        await queries.SampleAsync(async query =>
        {
            var response = await _client.GetAsync($"/api/incidents?{query}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await AssertProblemNamingAsync(response, ["status", "severity", "service", "cause", "from", "to", "q", "sort", "page", "pageSize"]);
            }
        }, iter: HostileInput.RequestCases, threads: 1, print: query => query);
    }

    [Fact]
    public async Task Search_articles_and_one_incident_never_answer_5xx()
    {
        var requests = Gen.Frequency(
            (4, Gen.Select(Query("q", Gen.Const("x")), Query("limit", HostileInput.Number.Select(n => n.ToString())), Query("category", Gen.OneOf("cause", "CAUSE", "none")), Query("tag", Gen.Const("dns")), (q, limit, category, tag) => $"/api/search?{q}{limit}{category}{tag}")),
            (1, Query("category", Gen.OneOf("cause", "diagnostic")).Select(category => $"/api/articles?{category}")),
            (1, HostileInput.Number.Select(id => $"/api/incidents/{id}")));

        await requests.SampleAsync(async url =>
        {
            var response = await _client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
        }, iter: HostileInput.RequestCases, threads: 1, print: url => url);
    }

    [Fact]
    public async Task Previewing_any_article_text_answers_200_or_404()
    {
        var editor = await _app.SignInAsync();
        var body = Gen.Select(Gen.OneOf("dns-resolution", "no-such-article", ""), HostileInput.Text(), (slug, text) => (JsonNode?)new JsonObject { ["slug"] = slug, ["text"] = text });

        await body.SampleAsync(async json =>
        {
            using var content = new StringContent(json!.ToJsonString(), Encoding.UTF8, "application/json");
            var response = await editor.PostAsync("/api/articles/preview", content);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{(int)response.StatusCode}");
        }, iter: HostileInput.RequestCases / 2, threads: 1, print: Describe);
    }

    /// <summary>Any JSON value where an object or a string belongs: wrong types, nesting, nothing.</summary>
    private static readonly Gen<JsonNode?> AnyJson = Gen.Frequency(
        (1, Gen.Const((JsonNode?)JsonValue.Create("x")).Select(_ => (JsonNode?)null)),
        (1, HostileInput.Number.Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, HostileInput.Short.Select(text => (JsonNode?)new JsonArray(text))),
        (1, HostileInput.Short.Select(text => (JsonNode?)new JsonObject { [text] = text })));

    private static Gen<JsonNode?> Field(Gen<string> valid, params int[] limits) => Gen.Frequency(
        (4, valid.Select(value => (JsonNode?)value)),
        (4, HostileInput.Text(limits).Select(value => (JsonNode?)value)),
        (1, AnyJson));

    private const int SavableIncidentCases = HostileInput.RequestCases * 2;

    private static readonly Gen<JsonNode?> IncidentBody = Gen.Select(
        Gen.Select(Field(Gen.Const("502s on checkout"), IncidentDraft.MaxTitle), Field(Gen.Const("checkout"), IncidentDraft.MaxService), Field(Gen.Const("production"), IncidentDraft.MaxEnvironment), (title, service, environment) => (title, service, environment)),
        Gen.Select(Field(Gen.OneOf("nginx", "haproxy", "")), Field(Gen.OneOf("SEV1", "SEV4", "sev2")), Field(Gen.OneOf("upstream-down", "dns-resolution", "")), (proxy, severity, cause) => (proxy, severity, cause)),
        Field(HostileInput.Date.Select(date => date.ToString("O"))),
        Field(HostileInput.Date.Select(date => date.ToString("O"))),
        Field(Gen.OneOf("c", "connect() failed (111: Connection refused) while connecting to upstream"), IncidentDraft.MaxErrorLog),
        Gen.Int[0, 511],
        (names, choices, startedAt, detectedAt, errorLog, omitted) =>
        {
            JsonNode?[] values = [names.title, names.service, names.environment, choices.proxy, choices.severity, startedAt, detectedAt, errorLog, choices.cause];
            var body = new JsonObject();
            for (var i = 0; i < IncidentFields.Length; i++)
            {
                if ((omitted & (1 << i)) == 0)
                {
                    body[IncidentFields[i]] = values[i];
                }
            }
            return (JsonNode?)body;
        });

    // Few fully random bodies have every field right at once, so one case in four keeps the fields a responder types
    // right and pastes any text at all as the log: the saved branch is reached with hostile text in every run.
    private static readonly Gen<JsonNode?> IncidentBodies = Gen.Frequency(
        (3, IncidentBody),
        (1, HostileInput.Text(IncidentDraft.MaxErrorLog).Select(errorLog => (JsonNode?)new JsonObject
        {
            ["title"] = "502s on checkout",
            ["service"] = "checkout",
            ["severity"] = "SEV2",
            ["errorLog"] = errorLog,
        })));

    private static Gen<string> Query(string name, Gen<string> valid) => Gen.Frequency(
        (2, Gen.Const("")),
        (3, valid.Select(value => $"&{name}={Uri.EscapeDataString(value)}")),
        (3, HostileInput.Text(1_000).Select(value => $"&{name}={Uri.EscapeDataString(value.Length > 4_000 ? value[..4_000] : value)}")));

    private async Task<HttpResponseMessage> PostJsonAsync(string path, JsonNode? json)
    {
        using var content = new StringContent(json?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");
        return await _client.PostAsync(path, content);
    }

    private static async Task AssertProblemNamingAsync(HttpResponseMessage response, string[] fields)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.NotEmpty(errors.EnumerateObject());
        Assert.All(errors.EnumerateObject(), error => Assert.Contains(error.Name, fields));
    }

    private async Task<KbDb> DbAsync() => await _app.Services.GetRequiredService<IDbContextFactory<KbDb>>().CreateDbContextAsync();

    private async Task<Counts> CountsAsync()
    {
        await using var db = await DbAsync();
        return new Counts(
            await db.Incidents.CountAsync(),
            await db.TimelineEntries.CountAsync(entry => entry.Kind == TimelineKinds.Created),
            await db.AuditEntries.CountAsync(entry => entry.Action == AuditActions.IncidentCreated));
    }

    private sealed record Counts(int Incidents, int Created, int Audited);

    private static string Describe(JsonNode? json)
    {
        var text = json?.ToJsonString() ?? "null";
        return text.Length > 400 ? $"{text[..400]}… ({text.Length:N0} characters)" : text;
    }
}
