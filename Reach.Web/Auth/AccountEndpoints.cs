using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Reach.Web.Auth;

/// <summary><c>POST /account/sign-in</c> and <c>POST /account/sign-out</c> (forms with antiforgery tokens).</summary>
public static class AccountEndpoints
{
    /// <summary>Maps the account endpoints.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/sign-in", SignIn);
        app.MapPost("/account/sign-out", SignOut);
        return app;
    }

    private static async Task<IResult> SignIn(HttpContext http, CrmSignIn crm, [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken ct)
    {
        var result = await crm.SignInAsync(userName ?? "", password ?? "", ct);
        var back = LocalOrHome(returnUrl);
        if (!result.Succeeded)
        {
            return Results.LocalRedirect($"/sign-in?error={Uri.EscapeDataString(result.Error!)}&returnUrl={Uri.EscapeDataString(back)}");
        }

        List<Claim> claims = [new(ClaimTypes.Name, result.UserName!), new(ClaimTypes.Role, result.Role!)];
        if (result.Token is not null)
        {
            claims.Add(new(ReachClaims.CrmToken, result.Token));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal,
            new AuthenticationProperties { ExpiresUtc = result.ExpiresAt, IsPersistent = false, AllowRefresh = false });
        return Results.LocalRedirect(back);
    }

    private static async Task<IResult> SignOut(HttpContext http, CrmSignIn crm, CancellationToken ct)
    {
        await crm.SignOutAsync(ReachClaims.TokenOf(http.User), ct);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/sign-in");
    }

    private static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
