using Microsoft.AspNetCore.Http.Features;

namespace Reach.Crm.Security;

/// <summary>
/// Gives every problem response a reason: a malformed request refused by the framework before an endpoint ran
/// (a wrong content type, a chunked body over the cap, a parameter that can't be read) otherwise gets only a title.
/// </summary>
public static class ProblemReasons
{
    /// <summary>For <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/>: fills <c>detail</c> when it is empty.</summary>
    public static void Fill(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (context.Exception is BadHttpRequestException bad)
        {
            problem.Title = "Invalid request";
            problem.Detail ??= bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message;
            return;
        }

        var request = context.HttpContext.Request;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status415UnsupportedMediaType =>
                $"content type '{request.ContentType ?? "(none)"}' is not supported by {request.Method} {request.Path}; send application/json",
            StatusCodes.Status413PayloadTooLarge =>
                $"the body is larger than the {context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize:N0} bytes accepted here",
            StatusCodes.Status400BadRequest => "the request could not be read: a parameter or the body is malformed",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}",
            _ => null,
        };
    }
}
