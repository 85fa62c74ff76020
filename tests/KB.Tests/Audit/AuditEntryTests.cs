using KB.Web.Features.Audit;

namespace KB.Tests.Audit;

public class AuditEntryTests
{
    private static readonly DateTime At = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Before_and_after_keep_only_the_fields_that_changed()
    {
        var entry = AuditEntry.Of(At, "Ada", AuditActions.UserRole, AuditSubjects.User, "7", "Role changed",
            before: new { Email = "bob@example.com", Role = "Viewer", Disabled = false },
            after: new { Email = "bob@example.com", Role = "Editor", Disabled = false });

        Assert.Equal("""{"role":"Viewer"}""", entry.BeforeJson);
        Assert.Equal("""{"role":"Editor"}""", entry.AfterJson);
    }

    [Fact]
    public void A_creation_has_no_before_and_a_change_of_nothing_has_neither()
    {
        var created = AuditEntry.Of(At, "Ada", AuditActions.UserInvited, AuditSubjects.User, "7", "Invited", after: new { Email = "bob@example.com" });
        var same = AuditEntry.Of(At, "Ada", AuditActions.UserRole, AuditSubjects.User, "7", "Same", before: new { Role = "Viewer" }, after: new { Role = "Viewer" });

        Assert.Null(created.BeforeJson);
        Assert.Equal("""{"email":"bob@example.com"}""", created.AfterJson);
        Assert.Null(same.BeforeJson);
        Assert.Null(same.AfterJson);
    }

    [Fact]
    public void Non_ascii_text_is_stored_readable()
    {
        var entry = AuditEntry.Of(At, "Zoë", AuditActions.IncidentNote, AuditSubjects.Incident, "1", "note", after: new { Note = "Status → ok <b>" });

        Assert.Equal("""{"note":"Status → ok <b>"}""", entry.AfterJson);
    }

    [Fact]
    public void The_summary_is_one_line_of_bounded_length()
    {
        var entry = AuditEntry.Of(At, "Ada", AuditActions.IncidentNote, AuditSubjects.Incident, "1", "first line\r\nsecond\tline " + new string('x', 500));

        Assert.StartsWith("first line second line xxx", entry.Summary);
        Assert.Equal(AuditEntry.MaxSummary, entry.Summary.Length);
        Assert.EndsWith("…", entry.Summary);
    }
}
