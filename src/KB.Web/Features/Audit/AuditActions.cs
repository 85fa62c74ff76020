namespace KB.Web.Features.Audit;

/// <summary>What an audit entry records. The page offers these in its action filter.</summary>
public static class AuditActions
{
    public const string IncidentCreated = "incident.created";
    public const string IncidentStatus = "incident.status";
    public const string IncidentSeverity = "incident.severity";
    public const string IncidentResolved = "incident.resolved";
    public const string IncidentCause = "incident.cause";
    public const string IncidentNote = "incident.note";
    public const string IncidentTimes = "incident.times";
    public const string IncidentRole = "incident.role";
    public const string IncidentUpdate = "incident.update";
    public const string IncidentValue = "incident.value";
    public const string FollowUpAdded = "follow-up.added";
    public const string FollowUpDone = "follow-up.done";
    public const string FollowUpReopened = "follow-up.reopened";
    public const string IncidentAlert = "incident.alert";
    public const string StepDone = "checklist.step-done";
    public const string StepUndone = "checklist.step-undone";
    public const string StepNote = "checklist.step-note";
    public const string StepAdded = "checklist.step-added";
    public const string IncidentArticleChange = "incident.article-change";
    public const string ArticleSaved = "article.saved";
    public const string ArticleCreated = "article.created";
    public const string ArticleProposed = "article.proposed";
    public const string ArticleApproved = "article.approved";
    public const string ArticleSentBack = "article.sent-back";
    public const string UserInvited = "user.invited";
    public const string UserRole = "user.role";
    public const string UserCreated = "user.created";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string PasswordChanged = "user.password";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string SignedOut = "sign-out";
    public const string BackupDownloaded = "backup.downloaded";
    public const string SignInSucceeded = "sign-in.succeeded";
    public const string SignInFailed = "sign-in.failed";

    public static IReadOnlyList<string> All { get; } =
    [
        IncidentCreated, IncidentStatus, IncidentSeverity, IncidentResolved, IncidentCause, IncidentNote, IncidentTimes, IncidentAlert,
        IncidentRole, IncidentUpdate, IncidentValue, FollowUpAdded, FollowUpDone, FollowUpReopened,
        StepDone, StepUndone, StepNote, StepAdded, IncidentArticleChange, ArticleSaved, ArticleCreated, ArticleProposed, ArticleApproved, ArticleSentBack, UserInvited, UserCreated, UserRole, UserDisabled, UserEnabled, PasswordChanged,
        TokenCreated, TokenRevoked, SignInSucceeded, SignInFailed, SignedOut, BackupDownloaded,
    ];
}

/// <summary>The kinds of thing an audit entry is about; with the subject's id they find its whole history.</summary>
public static class AuditSubjects
{
    public const string Incident = "incident";
    public const string Article = "article";
    public const string User = "user";
    public const string Database = "database";

    public static IReadOnlyList<string> All { get; } = [Incident, Article, User, Database];
}
