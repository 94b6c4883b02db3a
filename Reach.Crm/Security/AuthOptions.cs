namespace Reach.Crm.Security;

/// <summary>Sign-in, tokens, abuse limits and the users ensured at start; section <c>Reach:Auth</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Reach:Auth";

    /// <summary>Access token lifetime in seconds (default 8 hours). Key <c>Reach:Auth:TokenLifetimeSeconds</c>.</summary>
    public int TokenLifetimeSeconds { get; set; } = 8 * 3600;

    /// <summary>How long a user's stamp and role are cached per process, in seconds (default 10; sign-out clears it at once here).</summary>
    public int SessionCacheSeconds { get; set; } = 10;

    /// <summary>Sign-in attempts per client IP per minute (default 30).</summary>
    public int SignInPerIpPerMinute { get; set; } = 30;

    /// <summary>Sign-in attempts per user name per minute (default 10).</summary>
    public int SignInPerUserPerMinute { get; set; } = 10;

    /// <summary>Copilot turns per user per minute (default 20).</summary>
    public int CopilotPerUserPerMinute { get; set; } = 20;

    /// <summary>Users created at start when missing (never overwritten): <c>Reach:Auth:Users:{i}:UserName|Password|Role</c>.</summary>
    public List<ConfiguredUser> Users { get; set; } = [];
}

/// <summary>A user from configuration.</summary>
public sealed class ConfiguredUser
{
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string? Role { get; set; }
}
