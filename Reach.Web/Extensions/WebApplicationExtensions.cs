using System.Globalization;
using Microsoft.Extensions.Options;
using Reach.Web.Auth;
using Reach.Web.Components;

namespace Reach.Web.Extensions;

/// <summary>The web app's request pipeline and endpoints.</summary>
public static class WebApplicationExtensions
{
    /// <summary>Error page, security headers, culture, static files, authentication, antiforgery, account endpoints and the components.</summary>
    public static WebApplication UseReachWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        var culture = CultureInfo.GetCultureInfo(app.Services.GetRequiredService<IOptions<WebOptions>>().Value.Culture);
        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new(culture),
            SupportedCultures = [culture],
            SupportedUICultures = [culture],
        });
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapDefaultEndpoints();
        app.MapAccountEndpoints();
        // Our own CSP already says frame-ancestors 'none'; Blazor would add a second, weaker header ('self').
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(static o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
