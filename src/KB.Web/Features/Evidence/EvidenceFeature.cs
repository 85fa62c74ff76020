using KB.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KB.Web.Features.Evidence;

public static class EvidenceFeature
{
    public static IServiceCollection AddEvidence(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ArticleSettings>().BindConfiguration("KB:Articles")
            .Validate(settings => settings.StaleAfterDays > 0, "KB:Articles:StaleAfterDays must be a number of days above 0.")
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ArticleSettings>>().Value);
        services.AddSingleton<ArticleFreshness>();
        services.AddSingleton<EvidenceCache>();
        services.AddSingleton<EvidenceWatch>();
        services.AddSingleton<IncidentEvidence>();
        services.AddSingleton<FeedbackStore>();
        services.ConfigureDbContext<KbDb>((provider, options) => options.AddInterceptors(provider.GetRequiredService<EvidenceWatch>()));
        return services;
    }
}
