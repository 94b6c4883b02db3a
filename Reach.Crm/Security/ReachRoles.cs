namespace Reach.Crm.Security;

/// <summary>
/// The four roles, in ascending order of rights: <c>viewer</c> &lt; <c>marketer</c> &lt; <c>approver</c> &lt; <c>admin</c>.
/// A higher role can do everything a lower one can. Each role is also the name of the authorization policy that
/// admits that role and every higher one.
/// </summary>
public static class ReachRoles
{
    /// <summary>Read-only: every GET.</summary>
    public const string Viewer = "viewer";

    /// <summary>Copilot, segments (create, revise, preview), campaign drafts (create, edit).</summary>
    public const string Marketer = "marketer";

    /// <summary>Approve &amp; launch, cancel, read the audit log.</summary>
    public const string Approver = "approver";

    /// <summary>Users and ingest.</summary>
    public const string Admin = "admin";

    private static readonly string[] Ordered = [Viewer, Marketer, Approver, Admin];

    /// <summary>All roles, lowest first.</summary>
    public static readonly IReadOnlyList<string> All = Ordered;

    /// <summary>Whether <paramref name="role"/> is one of <see cref="All"/> (exact, lower case).</summary>
    public static bool IsKnown(string? role) => role is not null && All.Contains(role);

    /// <summary>0 for viewer … 3 for admin; -1 for an unknown role.</summary>
    public static int Rank(string? role) => role is null ? -1 : Array.IndexOf(Ordered, role);

    /// <summary>Whether <paramref name="role"/> has at least the rights of <paramref name="minimum"/>.</summary>
    public static bool AtLeast(string? role, string minimum) => Rank(role) >= Rank(minimum) && Rank(role) >= 0;

    /// <summary>The roles that satisfy <paramref name="minimum"/>: it and every higher one.</summary>
    public static IReadOnlyList<string> AtOrAbove(string minimum) => All.Skip(Math.Max(0, Rank(minimum))).ToList();

    /// <summary>The lower of two roles (the copilot acts with <c>min(user, marketer)</c>).</summary>
    public static string Lower(string a, string b) => Rank(a) <= Rank(b) ? a : b;
}
