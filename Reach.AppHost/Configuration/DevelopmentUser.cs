namespace Reach.AppHost.Configuration;

/// <summary>
/// A sign-in the AppHost gives the CRM and the web app for local development (<c>Reach:Auth:Users:{i}:…</c>); the CRM
/// creates it at start when missing. Bound from <c>Reach:Users</c> (appsettings.json: maya, amir, ada).
/// </summary>
public sealed class DevelopmentUser
{
    /// <summary>The user name, e.g. <c>amir</c>.</summary>
    public string UserName { get; set; } = "";

    /// <summary>The development password (documented in the README; never use it outside a developer's machine).</summary>
    public string Password { get; set; } = "";

    /// <summary>viewer, marketer, approver or admin.</summary>
    public string Role { get; set; } = "";
}
