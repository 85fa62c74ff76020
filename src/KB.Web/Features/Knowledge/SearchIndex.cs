namespace KB.Web.Features.Knowledge;

/// <summary>
/// Search over title, summary, tags, body and signatures: an in-memory index rebuilt whenever the content folder
/// changes (an editor's save, a file changed on disk), ranked by BM25 with a bonus for title and tag matches.
/// </summary>
public sealed class SearchIndex
{
    public const int MaxLimit = 50;

    // BM25 gives little weight to words found in most articles ("timeout", "upstream"), whatever the field.
    // An article whose title (or slug) or tags hold the query's words is what the person is after, so those add a bonus
    // in proportion to the share of query terms they cover, on top of BM25 over a wider set of candidates.
    private const double TitleBonus = 8.0;
    private const double TagBonus = 3.0;
    private const int MinCandidates = 40;

    private volatile ArticleIndex _index = ArticleIndex.Empty;

    /// <summary>Builds the index for <paramref name="articles"/> and swaps it in; searches under way finish on the old one.</summary>
    public Task RebuildAsync(IReadOnlyList<Article> articles, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _index = new ArticleIndex(articles);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SearchResult>> SearchAsync(string? text, SearchFilter filter, int limit, CancellationToken cancellationToken = default) =>
        SearchAsync(SearchQuery.Parse(text), filter, limit, cancellationToken);

    /// <summary>
    /// Articles matching every term come first; when they are fewer than asked for, articles matching some terms follow.
    /// Within each group, BM25 plus the title and tag bonus orders them.
    /// </summary>
    public Task<IReadOnlyList<SearchResult>> SearchAsync(SearchQuery query, SearchFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Search(_index, query, filter, Math.Clamp(limit, 1, MaxLimit)));
    }

    private static IReadOnlyList<SearchResult> Search(ArticleIndex index, SearchQuery query, SearchFilter filter, int limit)
    {
        if (query.IsEmpty)
        {
            return [];
        }
        var matches = index.Match(query);
        var include = Filter(index, filter);
        var candidates = Math.Max(limit * 3, MinCandidates);

        var ranked = Rerank(index, matches, matches.Best(candidates, matchingEveryTerm: true, include), query).Take(limit).ToList();
        if (ranked.Count < limit && query.Terms.Count > 1)
        {
            var found = ranked.Select(hit => hit.Doc).ToHashSet();
            var partial = matches.Best(candidates + ranked.Count, matchingEveryTerm: false, doc => include(doc) && !found.Contains(doc));
            ranked.AddRange(Rerank(index, matches, partial, query).Take(limit - ranked.Count));
        }

        var results = ranked.Select(hit => Result(index, hit.Doc, hit.Score, matches.Words)).ToList();
        return KeepScoresDescending(results);
    }

    private static SearchResult Result(ArticleIndex index, int doc, double score, HashSet<string> matched)
    {
        var article = index.Articles[doc];
        var snippet = SearchSnippet.For(article, matched, index.BodyPositions(doc, matched));
        return new SearchResult(article.Slug, article.Title, article.Category.Key(), snippet, Math.Round(score, 3));
    }

    private static Func<int, bool> Filter(ArticleIndex index, SearchFilter filter)
    {
        var tag = string.IsNullOrWhiteSpace(filter.Tag) ? null : filter.Tag.Trim().ToLowerInvariant();
        return doc => (filter.Category is null || index.Articles[doc].Category == filter.Category)
            && (tag is null || index.Articles[doc].Tags.Contains(tag));
    }

    private static IEnumerable<(int Doc, double Score)> Rerank(ArticleIndex index, Matches matches, IEnumerable<(int Doc, double Score)> hits, SearchQuery query)
    {
        var corrected = query.Corrected(matches.Corrections);
        return hits.Select(hit => index.Articles[hit.Doc] is var article && corrected == query
                ? (hit.Doc, hit.Score + Bonus(article, query))
                : (hit.Doc, hit.Score + (Bonus(article, query) + Bonus(article, corrected)) / 2))
            .OrderByDescending(hit => hit.Item2);
    }

    // Averaged over the query as typed and as corrected, a misspelt word earns half the bonus of the word spelt right.
    private static double Bonus(Article article, SearchQuery query) =>
        TitleBonus * query.Coverage($"{article.Title} {article.Slug}") + TagBonus * query.Coverage(string.Join(' ', article.Tags));

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
}

/// <summary>One search hit. <see cref="Snippet"/> is HTML: escaped text with the matched words in <c>&lt;mark&gt;</c>.</summary>
public sealed record SearchResult(string Slug, string Title, string Category, string Snippet, double Score);

public sealed record SearchFilter(ArticleCategory? Category = null, string? Tag = null)
{
    public static SearchFilter None { get; } = new();
}
