using Microsoft.AspNetCore.Diagnostics;

namespace Reach.Crm.Security;

/// <summary>
/// Answers a malformed request that surfaced as <see cref="BadHttpRequestException"/> (bad JSON, a wrong content type,
/// a body over the server's limit, an unparsable parameter) with its status (400, 413, 415) and problem details that
/// say what was wrong, instead of a 500.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode, Title = "Invalid request",
                Detail = bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message,
            },
        });
    }
}
