using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Reach.ServiceDefaults.Health;

namespace Reach.ServiceDefaults.Telemetry;

/// <summary>
/// Gives ASP.NET Core's server activity (<c>Microsoft.AspNetCore.Hosting.HttpRequestIn</c>, untagged
/// without the instrumentation package) the HTTP semantic-convention name and tags once the endpoint
/// and status are known, and keeps health probes out of traces.
/// </summary>
/// <param name="next">The rest of the pipeline.</param>
internal sealed class HttpServerActivityMiddleware(RequestDelegate next)
{
    private static readonly PathString HealthPath = new(HealthEndpoints.HealthPath);
    private static readonly PathString AlivePath = new(HealthEndpoints.AlivePath);

    public async Task InvokeAsync(HttpContext context)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current;
        if (activity is null || !activity.IsAllDataRequested)
        {
            await next(context);
            return;
        }

        if (context.Request.Path.StartsWithSegments(HealthPath) || context.Request.Path.StartsWithSegments(AlivePath))
        {
            // The AppHost polls these every second; drop them like Aspire's template does.
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            activity.IsAllDataRequested = false;
            await next(context);
            return;
        }

        Exception? failure = null;
        try
        {
            await next(context);
        }
        catch (Exception exception)
        {
            failure = exception;
            throw;
        }
        finally
        {
            Enrich(activity, context, failure);
        }
    }

    private static void Enrich(Activity activity, HttpContext context, Exception? failure)
    {
        var request = context.Request;
        var method = request.Method;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (route is not null && !route.StartsWith('/'))
        {
            route = "/" + route;
        }

        // An exception escaping the pipeline becomes a 500 once the server handles it.
        var statusCode = failure is not null && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;

        activity.DisplayName = route is null ? method : $"{method} {route}";
        activity.SetTag("http.request.method", method);
        activity.SetTag("url.scheme", request.Scheme);
        activity.SetTag("url.path", request.PathBase.Add(request.Path).Value);
        if (route is not null)
        {
            activity.SetTag("http.route", route);
        }

        activity.SetTag("http.response.status_code", statusCode);
        if (request.Host.HasValue)
        {
            activity.SetTag("server.address", request.Host.Host);
            activity.SetTag("server.port", request.Host.Port ?? DefaultPort(request.Scheme));
        }

        var protocol = ProtocolVersion(request.Protocol);
        if (protocol is not null)
        {
            activity.SetTag("network.protocol.version", protocol);
        }

        if (failure is not null)
        {
            activity.SetTag("error.type", failure.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error, failure.Message);
        }
        else if (statusCode >= 500)
        {
            activity.SetTag("error.type", statusCode.ToString(CultureInfo.InvariantCulture));
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }

    private static int? DefaultPort(string scheme) => scheme switch
    {
        "http" => 80,
        "https" => 443,
        _ => null,
    };

    private static string? ProtocolVersion(string protocol) => protocol switch
    {
        "HTTP/1.0" => "1.0",
        "HTTP/1.1" => "1.1",
        "HTTP/2" => "2",
        "HTTP/3" => "3",
        _ => null,
    };
}
