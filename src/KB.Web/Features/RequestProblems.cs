using System.Text.Json;
using System.Text.RegularExpressions;

namespace KB.Web.Features;

/// <summary>
/// A request an endpoint cannot read (a body that is not JSON, a field of the wrong type, a query value that is not
/// a number) answers 400 with problem details naming the field, the way invalid values do, instead of an empty 400.
/// </summary>
public static partial class RequestProblems
{
    public static IServiceCollection AddRequestProblems(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

    public static IApplicationBuilder UseRequestProblems(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                IResult problem = exception.StatusCode == StatusCodes.Status400BadRequest
                    ? TypedResults.ValidationProblem(Describe(exception), title: "The request could not be read.")
                    : TypedResults.Problem(exception.Message, statusCode: exception.StatusCode);
                await problem.ExecuteAsync(context);
            }
        });

    private static Dictionary<string, string[]> Describe(BadHttpRequestException exception)
    {
        var field = exception.InnerException is JsonException json
            ? JsonField().Match(json.Path ?? "") is { Success: true } property ? property.Groups[1].Value : null
            : BoundParameter().Match(exception.Message) is { Success: true } parameter ? parameter.Groups[1].Value : null;
        return field is null
            ? new() { ["body"] = ["Send a JSON object with the fields this endpoint takes."] }
            : new() { [field] = [$"\"{field}\" has a value of the wrong type."] };
    }

    // "$.severity", "$.checklist[0].text": the first property named.
    [GeneratedRegex(@"^\$\.([A-Za-z0-9_]+)")]
    private static partial Regex JsonField();

    // Minimal APIs word a value that does not bind as: Failed to bind parameter "int? page" from "abc".
    [GeneratedRegex("""parameter "[^"]*?(\w+)" from""")]
    private static partial Regex BoundParameter();
}
