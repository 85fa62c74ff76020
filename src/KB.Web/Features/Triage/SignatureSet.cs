using System.Text.RegularExpressions;
using KB.Web.Features.Knowledge;

namespace KB.Web.Features.Triage;

/// <summary>The cause articles' log signatures, compiled once for each version of the knowledge base.</summary>
public sealed class SignatureSet
{
    private SignatureSet(ArticleCatalog catalog, IReadOnlyList<CompiledSignature> signatures)
    {
        Catalog = catalog;
        Signatures = signatures;
    }

    public ArticleCatalog Catalog { get; }

    public IReadOnlyList<CompiledSignature> Signatures { get; }

    public static SignatureSet Compile(ArticleCatalog catalog) =>
        new(catalog, catalog.InCategory(ArticleCategory.Cause)
            .SelectMany(article => article.Signatures.Select(signature => new CompiledSignature(
                article.Slug,
                signature.Emitter,
                new Regex(signature.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(50)),
                SignatureAnchors.Of(signature.Pattern))))
            .ToList());
}

/// <param name="Anchors">Text a line must hold for <paramref name="Pattern"/> to match it (<see cref="SignatureAnchors"/>).</param>
public sealed record CompiledSignature(string Cause, string Emitter, Regex Pattern, string[]? Anchors);
