using System.Security.Claims;

namespace Reach.Web.Auth;

/// <summary>The claims the web app keeps in its cookie for a signed-in user.</summary>
public static class ReachClaims
{
    /// <summary>The CRM bearer token obtained at sign-in (the cookie is encrypted by data protection).</summary>
    public const string CrmToken = "reach:crm_token";

    /// <summary>The CRM token of <paramref name="user"/>, if signed in.</summary>
    public static string? TokenOf(ClaimsPrincipal user) => user.FindFirst(CrmToken)?.Value;

    /// <summary>The role of <paramref name="user"/> (viewer when unknown).</summary>
    public static string RoleOf(ClaimsPrincipal user) => user.FindFirst(ClaimTypes.Role)?.Value ?? Roles.Viewer;
}
