using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Reach.Crm.Security;

/// <summary>
/// Checks each bearer token (hooked into the bearer scheme's <c>OnMessageReceived</c>): the protector must unprotect
/// it (a tampered token fails), it must not have expired (by the app's <see cref="TimeProvider"/>), the user must
/// still exist with the same security stamp (sign-out revokes), and the principal gets the user's <em>current</em>
/// role. Stamps and roles are cached for <see cref="AuthOptions.SessionCacheSeconds"/>.
/// </summary>
public sealed class TokenValidator(IServiceScopeFactory scopes, IMemoryCache cache, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Authenticates the request's bearer token, or leaves the request anonymous when there is none.</summary>
    public async Task ValidateAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            context.NoResult();
            return;
        }

        var ticket = context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        if (ticket?.Properties.ExpiresUtc is not { } expires || ticket.Principal.Identity?.Name is not { } userName
            || ticket.Principal.FindFirst(ReachClaims.SecurityStamp)?.Value is not { } stamp)
        {
            context.Fail("the token is not valid");
            return;
        }

        if (time.GetUtcNow() >= expires)
        {
            context.Fail("the token has expired; sign in again");
            return;
        }

        var session = await SessionAsync(userName, context.HttpContext.RequestAborted);
        if (session is not { } current || current.Stamp != stamp)
        {
            context.Fail("the token was revoked (signed out, or the user no longer exists); sign in again");
            return;
        }

        context.Principal = TokenIssuer.Principal(userName, current.Role, stamp);
        context.Properties = ticket.Properties;
        context.Success();
    }

    /// <summary>Forgets the cached stamp and role of a user (after sign-out or a role change).</summary>
    public void Forget(string userName) => cache.Remove(Key(userName));

    private async Task<(string Stamp, string Role)?> SessionAsync(string userName, CancellationToken ct)
    {
        if (cache.TryGetValue(Key(userName), out (string, string)? cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var session = await scope.ServiceProvider.GetRequiredService<UserService>().SessionAsync(userName, ct);
        cache.Set(Key(userName), session, TimeSpan.FromSeconds(Math.Max(0, options.Value.SessionCacheSeconds)));
        return session;
    }

    private static string Key(string userName) => "reach:session:" + userName;
}
