using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Reach.Crm.Security;

/// <summary>
/// Caps request bodies: <see cref="ReachOptions.MaxRequestBodyBytes"/> by default, or the endpoint's
/// <see cref="IRequestSizeLimitMetadata"/>. A declared <c>Content-Length</c> over the cap is answered 413 with problem
/// details before anything reads the body; a chunked body is cut off by the server's body-size feature (also 413).
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ReachOptions> options, IProblemDetailsService problems)
{
    /// <summary>Applies the cap, then calls the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            // The body is left unread: close the connection after this answer so the client doesn't reuse it.
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close";
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge, Title = "Body too large",
                    Detail = $"the body is {context.Request.ContentLength:N0} bytes; at most {limit:N0} bytes are accepted here",
                },
            });
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
