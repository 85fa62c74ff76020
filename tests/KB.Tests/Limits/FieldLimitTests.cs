using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using KB.Web.Features;
using KB.Web.Features.Accounts;
using KB.Web.Features.Incidents;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KB.Tests.Limits;

/// <summary>Every length rule: exactly the limit is accepted, one character more is refused with "at most N characters".</summary>
public sealed class FieldLimitTests : IDisposable
{
    private readonly KbApp _app = new();
    private readonly HttpClient _client;

    public FieldLimitTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public void The_message_states_the_accepted_maximum()
    {
        Assert.Null(LengthLimit.Problem(new string('x', 200), 200, "The title"));
        Assert.Equal("The title can be at most 200 characters; this one has 201.", LengthLimit.Problem(new string('x', 201), 200, "The title"));
        Assert.Null(LengthLimit.Problem(null, 200, "The title"));
    }

    [Theory]
    [InlineData("title", IncidentDraft.MaxTitle)]
    [InlineData("service", IncidentDraft.MaxService)]
    [InlineData("environment", IncidentDraft.MaxEnvironment)]
    [InlineData("errorLog", IncidentDraft.MaxErrorLog)]
    public async Task Incident_fields_accept_the_limit_and_refuse_one_more_naming_the_field(string field, int max)
    {
        var accepted = await _client.PostAsJsonAsync("/api/incidents", Draft(field, new string('x', max)));
        var refused = await _client.PostAsJsonAsync("/api/incidents", Draft(field, new string('x', max + 1)));

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(error => error.Name));
        Assert.Contains($"at most {max:N0} characters; this one has {max + 1:N0}.", errors.GetProperty(field)[0].GetString());
    }

    private static Dictionary<string, string> Draft(string field, string value) =>
        new() { ["title"] = "502s on checkout", ["service"] = "checkout-api", [field] = value };

    [Fact]
    public async Task The_incident_text_filter_accepts_the_limit_and_refuses_one_more()
    {
        var accepted = await _client.GetAsync("/api/incidents?q=" + new string('x', IncidentFilter.MaxText));
        var refused = await _client.GetAsync("/api/incidents?q=" + new string('x', IncidentFilter.MaxText + 1));
        var page = await _client.GetStringAsync("/incidents?q=" + new string('x', IncidentFilter.MaxText + 1));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("at most 200 characters", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("q")[0].GetString());
        Assert.Contains("The text filter can be at most 200 characters; this one has 201. It was ignored.", page);
    }

    [Fact]
    public async Task A_display_name_of_the_limit_is_accepted_and_one_more_refused()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<AccountAdmin>();

        var refused = await admin.CreateAsync("long.name@example.test", new string('n', Account.MaxDisplayNameLength + 1), "plum orchard kettle drum 81", "Viewer");
        var accepted = await admin.CreateAsync("long.name@example.test", new string('n', Account.MaxDisplayNameLength), "plum orchard kettle drum 81", "Viewer");

        Assert.Equal("The name can be at most 80 characters; this one has 81.", refused.Problems["displayName"]);
        Assert.NotNull(accepted.Account);
    }

    [Fact]
    public async Task Search_answers_a_query_longer_than_the_box_allows_with_an_array()
    {
        var response = await _client.GetAsync("/api/search?q=" + new string('x', 3000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.ValueKind);
    }

    [Fact]
    public void The_signalr_message_size_limit_stays_at_its_default_of_32_kb()
    {
        var componentHub = Type.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub, Microsoft.AspNetCore.Components.Server", throwOnError: true)!;
        var componentHubOptions = (IOptions<HubOptions>)_app.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(componentHub)));

        Assert.Equal(32 * 1024, componentHubOptions.Value.MaximumReceiveMessageSize);
        Assert.Equal(32 * 1024, _app.Services.GetRequiredService<IOptions<HubOptions>>().Value.MaximumReceiveMessageSize);
    }
}
