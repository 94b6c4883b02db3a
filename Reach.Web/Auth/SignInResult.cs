namespace Reach.Web.Auth;

/// <summary>The outcome of checking credentials with the CRM.</summary>
/// <param name="Succeeded">True when the user may sign in.</param>
/// <param name="UserName">The user's name as the CRM knows it.</param>
/// <param name="Role">The user's role.</param>
/// <param name="Token">The CRM bearer token.</param>
/// <param name="ExpiresAt">When the token (and so the web session) ends.</param>
/// <param name="Error">Why not, fit to show.</param>
public sealed record SignInResult(bool Succeeded, string? UserName, string? Role, string? Token, DateTimeOffset? ExpiresAt, string? Error)
{
    /// <summary>A refusal.</summary>
    public static SignInResult Fail(string error) => new(false, null, null, null, null, error);
}
