using KB.Web.Features.Audit;

namespace KB.Tests.Audit;

public class AuditCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("""{"role":"Admin","team":"ops"}""", "\"{\"\"role\"\":\"\"Admin\"\",\"\"team\"\":\"\"ops\"\"}\"")]
    public void Cells_are_quoted_as_rfc_4180_says(string? value, string expected) => Assert.Equal(expected, AuditCsv.Cell(value));

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("a=b", "a=b")]
    public void Cells_a_spreadsheet_would_run_as_a_formula_start_with_a_quote(string value, string expected) => Assert.Equal(expected, AuditCsv.Cell(value));

    [Fact]
    public void A_row_has_every_column_of_the_header_in_order()
    {
        var entry = AuditEntry.Of(new DateTime(2025, 3, 1, 12, 30, 0, DateTimeKind.Utc), "=Mallory", AuditActions.UserRole, AuditSubjects.User, "7", "Bob, now Editor",
            before: new { Role = "Viewer" }, after: new { Role = "Editor" }, ip: "10.0.0.7");
        entry.Id = 42;

        Assert.Equal("id,at,actor,action,subject_type,subject_id,summary,before,after,ip", AuditCsv.Header);
        Assert.Equal("42,2025-03-01T12:30:00.0000000Z,'=Mallory,user.role,user,7,\"Bob, now Editor\",\"{\"\"role\"\":\"\"Viewer\"\"}\",\"{\"\"role\"\":\"\"Editor\"\"}\",10.0.0.7",
            AuditCsv.Row(entry));
    }
}
