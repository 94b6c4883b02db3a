namespace Reach.Crm.Security;

/// <summary>A person who signs in to Reach (table <c>users</c>).</summary>
public sealed class ReachUser
{
    public long Id { get; set; }

    /// <summary>Unique, case-insensitive (stored lower case), 1–100 characters.</summary>
    public required string UserName { get; set; }

    /// <summary>ASP.NET Core Identity's <c>PasswordHasher</c> format (PBKDF2, salted, versioned).</summary>
    public required string PasswordHash { get; set; }

    /// <summary>One of <see cref="ReachRoles.All"/>.</summary>
    public required string Role { get; set; }

    /// <summary>Changes on sign-out; tokens carrying an older stamp are refused.</summary>
    public required string SecurityStamp { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
