using System.Net;
using KB.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KB.Web.Features.Knowledge;

/// <summary>SQLite FTS5 over title, summary, tags, body and signatures, ranked by BM25.</summary>
public sealed class SearchIndex(IDbContextFactory<KbDb> dbFactory)
{
    public const int MaxLimit = 50;

    // Start and end of a highlighted match inside a snippet: control characters that never occur in indexed text.
    private const char MarkStart = '\u0002';
    private const char MarkEnd = '\u0003';

    // BM25 column weights, in column order: slug, title, summary, tags, body, signatures, category, tag_list.
    private const string Rank = "bm25(article_search, 0, 10.0, 4.0, 6.0, 1.0, 3.0, 0, 0)";

    // BM25 gives little weight to words found in most articles ("timeout", "upstream"), whatever the column.
    // An article whose title (or slug) or tags hold the query's words is what the person is after, so those add a bonus
    // in proportion to the share of query terms they cover, on top of BM25 over a wider set of candidates.
    private const double TitleBonus = 8.0;
    private const double TagBonus = 3.0;
    private const int MinCandidates = 40;

    public async Task RebuildAsync(IReadOnlyList<Article> articles, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await using (var clear = connection.CreateCommand())
        {
            clear.CommandText = "DELETE FROM article_search";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO article_search (slug, title, summary, tags, body, signatures, category, tag_list)
            VALUES ($slug, $title, $summary, $tags, $body, $signatures, $category, $tagList)
            """;
        var parameters = new[] { "$slug", "$title", "$summary", "$tags", "$body", "$signatures", "$category", "$tagList" }
            .Select(name => insert.Parameters.Add(name, SqliteType.Text))
            .ToArray();
        foreach (var article in articles)
        {
            string[] values =
            [
                article.Slug,
                article.Title,
                article.Summary,
                string.Join(' ', article.Tags),
                article.PlainText,
                string.Join('\n', article.Signatures.Select(signature => $"{signature.Emitter}: {signature.Pattern}")),
                article.Category.Key(),
                $" {string.Join(' ', article.Tags)} ",
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = WithoutMarks(values[i]);
            }
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Articles matching every term come first; when they are fewer than asked for, articles matching some terms follow.
    /// Within each group, BM25 plus the title and tag bonus orders them.
    /// </summary>
    public Task<IReadOnlyList<SearchResult>> SearchAsync(string? text, SearchFilter filter, int limit, CancellationToken cancellationToken = default) =>
        SearchAsync(SearchQuery.Parse(text), filter, limit, cancellationToken);

    public async Task<IReadOnlyList<SearchResult>> SearchAsync(SearchQuery query, SearchFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty)
        {
            return [];
        }
        limit = Math.Clamp(limit, 1, MaxLimit);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = Math.Max(limit * 3, MinCandidates);
        var ranked = Rerank(await CandidatesAsync(db, query.ToMatchAll(), filter, candidates, cancellationToken), query).Take(limit).ToList();
        if (ranked.Count < limit && query.Terms.Count > 1)
        {
            var found = ranked.Select(hit => hit.Row.Slug).ToHashSet();
            var partial = await CandidatesAsync(db, query.ToMatchAny(), filter, candidates + ranked.Count, cancellationToken);
            ranked.AddRange(Rerank(partial.Where(row => !found.Contains(row.Slug)), query).Take(limit - ranked.Count));
        }

        // Snippets are costly, so they are made only for the results returned, not for every candidate.
        var snippets = await SnippetsAsync(db, query.ToMatchAny(), ranked.Select(hit => hit.Row.RowId), cancellationToken);
        var results = ranked
            .Select(hit => new SearchResult(hit.Row.Slug, hit.Row.Title, hit.Row.Category, snippets.GetValueOrDefault(hit.Row.RowId, ""), Math.Round(hit.Score, 3)))
            .ToList();
        return KeepScoresDescending(results);
    }

    private static IEnumerable<(CandidateRow Row, double Score)> Rerank(IEnumerable<CandidateRow> rows, SearchQuery query) =>
        rows.Select(row => (row, row.Score + TitleBonus * query.Coverage($"{row.Title} {row.Slug}") + TagBonus * query.Coverage(row.TagList)))
            .OrderByDescending(hit => hit.Item2);

    private static async Task<List<CandidateRow>> CandidatesAsync(KbDb db, string match, SearchFilter filter, int limit, CancellationToken cancellationToken)
    {
        var category = filter.Category?.Key();
        var tag = string.IsNullOrWhiteSpace(filter.Tag) ? null : $" {filter.Tag.Trim().ToLowerInvariant()} ";
        return await db.Database.SqlQueryRaw<CandidateRow>(
            $"""
            SELECT rowid AS RowId, slug AS Slug, title AS Title, category AS Category, tag_list AS TagList, -{Rank} AS Score
            FROM article_search
            WHERE article_search MATCH @match
              AND (@category IS NULL OR category = @category)
              AND (@tag IS NULL OR instr(tag_list, @tag) > 0)
            ORDER BY {Rank}
            LIMIT @limit
            """,
            new SqliteParameter("@match", match),
            new SqliteParameter("@category", (object?)category ?? DBNull.Value),
            new SqliteParameter("@tag", (object?)tag ?? DBNull.Value),
            new SqliteParameter("@limit", limit))
            .ToListAsync(cancellationToken);
    }

    /// <summary>HTML snippets by rowid: the part of the body that matched, or else the summary.</summary>
    private static async Task<Dictionary<long, string>> SnippetsAsync(KbDb db, string match, IEnumerable<long> rowIds, CancellationToken cancellationToken)
    {
        var ids = string.Join(',', rowIds);
        if (ids.Length == 0)
        {
            return [];
        }
        var rows = await db.Database.SqlQueryRaw<SnippetRow>(
            """
            SELECT rowid AS RowId,
                   snippet(article_search, 4, char(2), char(3), '…', 24) AS BodySnippet,
                   highlight(article_search, 2, char(2), char(3)) AS SummaryHighlight
            FROM article_search
            WHERE article_search MATCH @match AND rowid IN (SELECT value FROM json_each(@ids))
            """,
            new SqliteParameter("@match", match),
            new SqliteParameter("@ids", $"[{ids}]"))
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(row => row.RowId, SnippetHtml);
    }

    private static string SnippetHtml(SnippetRow row)
    {
        var snippet = row.BodySnippet.Contains(MarkStart) || row.SummaryHighlight.Length == 0 ? row.BodySnippet : row.SummaryHighlight;
        return WebUtility.HtmlEncode(snippet.ReplaceLineEndings(" "))
            .Replace(MarkStart.ToString(), "<mark>")
            .Replace(MarkEnd.ToString(), "</mark>");
    }

    private static List<SearchResult> KeepScoresDescending(List<SearchResult> results)
    {
        for (var i = 1; i < results.Count; i++)
        {
            if (results[i].Score > results[i - 1].Score)
            {
                results[i] = results[i] with { Score = results[i - 1].Score };
            }
        }
        return results;
    }

    private static string WithoutMarks(string text) => text.Replace(MarkStart, ' ').Replace(MarkEnd, ' ');

    private sealed record CandidateRow(long RowId, string Slug, string Title, string Category, string TagList, double Score);

    private sealed record SnippetRow(long RowId, string BodySnippet, string SummaryHighlight);
}

/// <summary>One search hit. <see cref="Snippet"/> is HTML: escaped text with the matched words in <c>&lt;mark&gt;</c>.</summary>
public sealed record SearchResult(string Slug, string Title, string Category, string Snippet, double Score);

public sealed record SearchFilter(ArticleCategory? Category = null, string? Tag = null)
{
    public static SearchFilter None { get; } = new();
}
