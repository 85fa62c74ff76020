using System.Text.Json.Nodes;

namespace KB.Web.Features.Notifications;

/// <summary>An incident event in each chat's incoming-webhook format, with the link back to the incident when there is one.</summary>
public static class WebhookPayloads
{
    public static JsonObject For(string format, IncidentEvent incidentEvent, string? link) => WebhookFormats.Of(format) switch
    {
        WebhookFormats.Slack => Slack(incidentEvent, link),
        WebhookFormats.Teams => Teams(incidentEvent, link),
        WebhookFormats.Mattermost => Mattermost(incidentEvent, link),
        _ => Generic(incidentEvent, link),
    };

    private static string Subject(IncidentEvent e) => e.Kind == IncidentEvent.Test ? e.Title : $"#{e.IncidentId} {e.Title}";

    private static string Facts(IncidentEvent e) => $"{e.Severity} · {e.Service} · {e.Status}{(e.Cause is null ? "" : $" · cause {e.Cause}")}";

    private static string Plain(IncidentEvent e) => $"{e.Headline}: {Subject(e)} ({Facts(e)})";

    /// <summary>Slack: <c>text</c> for notifications and clients without blocks, and Block Kit sections with the link.</summary>
    private static JsonObject Slack(IncidentEvent e, string? link)
    {
        var subject = link is null ? $"*{SlackEscape(Subject(e))}*" : $"*<{link}|{SlackEscape(Subject(e))}>*";
        return new JsonObject
        {
            ["text"] = Plain(e) + (link is null ? "" : $" {link}"),
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = e.Headline } },
                new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"{subject}\n{SlackEscape(Facts(e))}\n{SlackEscape(e.Text)}" } },
                new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = SlackEscape($"by {e.Who} at {e.At:yyyy-MM-dd HH:mm} UTC") }) }),
        };
    }

    /// <summary>Teams: the message with an Adaptive Card that Teams' incoming webhooks (Workflows) take.</summary>
    private static JsonObject Teams(IncidentEvent e, string? link)
    {
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["text"] = e.Headline, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = Subject(e), ["wrap"] = true },
                new JsonObject
                {
                    ["type"] = "FactSet",
                    ["facts"] = new JsonArray(
                        Fact("Severity", e.Severity), Fact("Service", e.Service), Fact("Status", e.Status), Fact("Cause", e.Cause ?? "not linked"), Fact("By", e.Who)),
                },
                new JsonObject { ["type"] = "TextBlock", ["text"] = e.Text, ["wrap"] = true }),
        };
        if (link is not null)
        {
            card["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open incident", ["url"] = link });
        }
        return new JsonObject
        {
            ["type"] = "message",
            ["summary"] = Plain(e),
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card }),
        };
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    /// <summary>Mattermost: <c>text</c>, and a Slack-style attachment whose title links to the incident.</summary>
    private static JsonObject Mattermost(IncidentEvent e, string? link)
    {
        var attachment = new JsonObject
        {
            ["fallback"] = Plain(e),
            ["color"] = e.Kind == IncidentEvent.Resolved ? "#2e7d32" : "#c62828",
            ["title"] = Subject(e),
            ["text"] = e.Text,
            ["fields"] = new JsonArray(
                Field("Severity", e.Severity), Field("Service", e.Service), Field("Status", e.Status), Field("By", e.Who)),
        };
        if (link is not null)
        {
            attachment["title_link"] = link;
        }
        return new JsonObject { ["text"] = $"**{e.Headline}**: {Subject(e)}", ["attachments"] = new JsonArray(attachment) };
    }

    private static JsonObject Field(string title, string value) => new() { ["short"] = true, ["title"] = title, ["value"] = value };

    /// <summary>Generic: the event as plain JSON, for a receiver of one's own.</summary>
    private static JsonObject Generic(IncidentEvent e, string? link) => new()
    {
        ["event"] = e.Kind,
        ["at"] = e.At.ToString("O"),
        ["who"] = e.Who,
        ["text"] = e.Text,
        ["incident"] = new JsonObject
        {
            ["id"] = e.IncidentId,
            ["title"] = e.Title,
            ["service"] = e.Service,
            ["severity"] = e.Severity,
            ["status"] = e.Status,
            ["cause"] = e.Cause,
            ["url"] = link,
        },
    };

    /// <summary>Slack's mrkdwn reads &amp;, &lt; and &gt; as markup: user text shows as text.</summary>
    private static string SlackEscape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
