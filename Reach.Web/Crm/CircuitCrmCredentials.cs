using Microsoft.AspNetCore.Components.Authorization;
using Reach.Web.Auth;

namespace Reach.Web.Crm;

/// <summary>Reads the user's CRM token from the authentication state of the current request or circuit.</summary>
/// <param name="authentication">The scope's authentication state.</param>
public sealed class CircuitCrmCredentials(AuthenticationStateProvider authentication) : ICrmCredentials
{
    /// <inheritdoc />
    public async Task<(string? UserName, string? Token)> GetAsync(CancellationToken ct)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return (state.User.Identity?.Name, ReachClaims.TokenOf(state.User));
    }
}
