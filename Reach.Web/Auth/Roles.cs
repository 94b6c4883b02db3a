namespace Reach.Web.Auth;

/// <summary>Reach's hierarchical roles: viewer &lt; marketer &lt; approver &lt; admin.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Marketer = "marketer";
    public const string Approver = "approver";
    public const string Admin = "admin";

    private static readonly string[] Order = [Viewer, Marketer, Approver, Admin];

    /// <summary>True when <paramref name="role"/> is <paramref name="required"/> or above it.</summary>
    public static bool AtLeast(string? role, string required) =>
        Array.IndexOf(Order, role) >= Array.IndexOf(Order, required) && Array.IndexOf(Order, required) >= 0;
}
