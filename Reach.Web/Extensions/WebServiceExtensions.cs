using Microsoft.AspNetCore.Authentication.Cookies;
using Radzen;
using Reach.Web.Auth;
using Reach.Web.Crm;
using Reach.Web.Formatting;

namespace Reach.Web.Extensions;

/// <summary>Registers the web app's services.</summary>
public static class WebServiceExtensions
{
    /// <summary>
    /// Adds Razor components with interactive server rendering, Radzen, cookie authentication, the typed CRM client
    /// (<c>http://crm</c> via service discovery and the standard resilience pipeline) and the culture formatter.
    /// </summary>
    public static WebApplicationBuilder AddReachWeb(this WebApplicationBuilder builder)
    {
        // Radzen's (and our) static files also when the build output runs outside Development (STACK.md).
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section);
        services.AddSingleton<DisplayFormat>();
        services.AddSingleton(TimeProvider.System);

        services.AddRazorComponents().AddInteractiveServerComponents();
        // SecurityHeadersMiddleware sends X-Frame-Options: DENY; antiforgery would add a second, weaker one.
        services.AddAntiforgery(static o => o.SuppressXFrameOptionsHeader = true);
        services.AddRadzenComponents();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/sign-in";
                options.LogoutPath = "/account/sign-out";
                options.AccessDeniedPath = "/sign-in";
                options.Cookie.Name = "reach.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = false;
            });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();

        services.AddHttpClient(CrmClient.Name, static c => c.BaseAddress = new Uri("http://crm"));
        services.AddHttpClient(CrmClient.LongName, static c =>
            {
                c.BaseAddress = new Uri("http://crm");
                c.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddStandardResilienceHandler(static o =>
            {
                // The funnel stream stays open while a page shows it; uploads and copilot turns may take minutes.
                o.TotalRequestTimeout = TimeSpan.FromHours(12);
                o.AttemptTimeout = TimeSpan.FromHours(12);
                o.MaxRetryAttempts = 1;
            });
        // Sign-in: credentials are not re-sent on failure, and a 429 reaches the person at once.
        services.AddHttpClient(CrmSignIn.ClientName, static c => c.BaseAddress = new Uri("http://crm"))
            .AddStandardResilienceHandler(static o => o.MaxRetryAttempts = 0);
        services.AddScoped<ICrmCredentials, CircuitCrmCredentials>();
        services.AddScoped<ICrmClient, CrmClient>();
        services.AddScoped<CrmSignIn>();
        return builder;
    }
}
