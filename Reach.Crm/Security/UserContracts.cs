namespace Reach.Crm.Security;

/// <summary><c>POST /api/auth/token</c> body.</summary>
public sealed record SignInRequest(string? UserName, string? Password);

/// <summary>
/// An issued access token: send it as <c>Authorization: Bearer {accessToken}</c>; it expires after
/// <paramref name="ExpiresIn"/> seconds or at sign-out.
/// </summary>
public sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn, string UserName, string Role);

/// <summary>The signed-in user (<c>GET /api/auth/me</c>).</summary>
public sealed record MeResponse(string UserName, string Role);

/// <summary>A user as the admin API shows it (never the password hash).</summary>
public sealed record UserResponse(string UserName, string Role, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary><c>POST /api/users</c> body.</summary>
public sealed record CreateUserRequest(string? UserName, string? Password, string? Role);

/// <summary><c>PUT /api/users/{userName}/role</c> body.</summary>
public sealed record SetRoleRequest(string? Role);

/// <summary>A user request that can't be carried out: invalid (400) or conflicting with an existing user (409).</summary>
public sealed class UserRequestException(string message, bool conflict = false) : Exception(message)
{
    /// <summary>True when the user already exists.</summary>
    public bool Conflict { get; } = conflict;
}
