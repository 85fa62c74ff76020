namespace KB.Web.Features.Incidents;

/// <summary>What a responder says fixed an incident as they resolve it, and the checklist step that did, if one did.</summary>
public sealed record Resolution(string Note, int? FixedByStep);
