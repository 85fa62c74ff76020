using KB.Web.Features.Editing;

namespace KB.Web.Features.Incidents;

/// <summary>
/// Offers the steps and notes responders added during an incident to its cause article. With review required the change
/// is held as a proposal for another editor (the Reviews page); without, an Editor saves it as a revision at once.
/// Either way it goes through the article editor's save, and its comment names the incident.
/// </summary>
public sealed class StepProposals(ArticleEditor editor, IncidentService incidents)
{
    /// <summary>What the person may do with the incident's steps, and why not when they may not.</summary>
    public ProposalRights RightsOf(bool isResponder, bool isEditor) =>
        !isResponder ? new(false, editor.RequiresReview, "Proposing steps for the article needs the Responder role.")
        : editor.RequiresReview ? new(true, true, null)
        : isEditor ? new(true, false, null)
        : new(false, false, "Review is off here, so steps sent from an incident change the article at once, and only an Editor may do that. Ask an editor to send them, or an admin to turn on review (KB:Editing:RequireReview).");

    /// <summary>The cause article's checklist section, before and with the incident's steps and notes; null when the article cannot be read.</summary>
    public async Task<StepProposalDraft?> DraftAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        if (incident.Cause is null || await editor.LoadAsync(incident.Cause, cancellationToken) is not { } article)
        {
            return null;
        }
        var section = ChecklistSection.Of(article.Text);
        return new StepProposalDraft(incident.Id, article.Article.Slug, article.Article.Title, article.Stamp, section, ChecklistMerge.Into(section.Text, incident));
    }

    /// <param name="section">The checklist section as the person left it in the dialog.</param>
    public async Task<StepProposalResult> SendAsync(Incident incident, StepProposalDraft draft, string section, string who, bool isResponder, bool isEditor, CancellationToken cancellationToken = default)
    {
        var rights = RightsOf(isResponder, isEditor);
        if (!rights.CanSend)
        {
            return new StepProposalResult(false, rights.Reason!);
        }
        var result = await editor.SaveAsync(draft.Slug, draft.Section.With(section), draft.Stamp, who, CommentFor(incident), cancellationToken);
        if (result.Outcome is not (SaveOutcome.Proposed or SaveOutcome.Saved))
        {
            return new StepProposalResult(false, result.Message);
        }
        var what = result.Outcome == SaveOutcome.Proposed
            ? $"Proposed the added steps and notes for the article {draft.Slug} (waiting for review)"
            : $"Saved the added steps and notes to the article {draft.Slug} as revision {result.Revision}";
        await incidents.RecordArticleChangeAsync(incident.Id, what, who, cancellationToken);
        return new StepProposalResult(true, result.Message);
    }

    /// <summary>The revision's comment: which incident the change came from.</summary>
    public static string CommentFor(Incident incident)
    {
        var comment = $"Steps and notes from incident #{incident.Id}: {incident.Title}";
        return comment.Length <= ArticleEditor.MaxCommentLength ? comment : comment[..(ArticleEditor.MaxCommentLength - 1)] + "…";
    }
}

/// <param name="Reason">Why the person may not send, when <paramref name="CanSend"/> is false.</param>
public sealed record ProposalRights(bool CanSend, bool ThroughReview, string? Reason);

/// <summary>The cause article's checklist section for an incident: <paramref name="Merged"/> is it with the incident's steps and notes.</summary>
public sealed record StepProposalDraft(int IncidentId, string Slug, string Title, string Stamp, ChecklistSection Section, string Merged)
{
    public bool HasChanges => Merged != Section.Text;
}

public sealed record StepProposalResult(bool Sent, string Message);
