using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace Reach.Crm.Security;

/// <summary>
/// Issues access tokens with ASP.NET Core's bearer-token protector (data protection; keys persisted in PostgreSQL, so
/// tokens survive a restart). A token carries the user name, role and security stamp, and expires after
/// <see cref="AuthOptions.TokenLifetimeSeconds"/>.
/// </summary>
public sealed class TokenIssuer(IOptionsMonitor<BearerTokenOptions> bearer, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>A token for <paramref name="user"/>.</summary>
    public TokenResponse Issue(ReachUser user)
    {
        var lifetime = TimeSpan.FromSeconds(Math.Max(1, options.Value.TokenLifetimeSeconds));
        var now = time.GetUtcNow();
        var principal = Principal(user.UserName, user.Role, user.SecurityStamp);
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime };
        var ticket = new AuthenticationTicket(principal, properties, $"{BearerTokenDefaults.AuthenticationScheme}:AccessToken");
        var token = bearer.Get(BearerTokenDefaults.AuthenticationScheme).BearerTokenProtector.Protect(ticket);
        return new TokenResponse(token, "Bearer", (long)lifetime.TotalSeconds, user.UserName, user.Role);
    }

    /// <summary>The principal a token stands for.</summary>
    public static ClaimsPrincipal Principal(string userName, string role, string stamp) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, role), new Claim(ReachClaims.SecurityStamp, stamp)],
            BearerTokenDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
}
