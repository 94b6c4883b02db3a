using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Reach.ServiceDefaults.Telemetry;

/// <summary>Puts <see cref="HttpServerActivityMiddleware"/> first in every web application's pipeline.</summary>
internal sealed class HttpServerActivityStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<HttpServerActivityMiddleware>();
        next(app);
    };
}
