using System.Security.Claims;

namespace Reach.Crm.Security;

/// <summary>The signed-in user of a request, from the authenticated principal.</summary>
public static class CurrentUser
{
    /// <summary>The user name; <see cref="InvalidOperationException"/> on an anonymous request (every endpoint that asks is authorised).</summary>
    public static string UserName(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { } name } ? name : throw new InvalidOperationException("the request is not authenticated");

    /// <summary>The user's current role (<see cref="ReachRoles"/>).</summary>
    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? ReachRoles.Viewer;
}
