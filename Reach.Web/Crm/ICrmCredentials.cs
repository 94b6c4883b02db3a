namespace Reach.Web.Crm;

/// <summary>Who the CRM is called for: the signed-in user's name and CRM bearer token.</summary>
public interface ICrmCredentials
{
    /// <summary>The current user's name and token (null when not signed in).</summary>
    Task<(string? UserName, string? Token)> GetAsync(CancellationToken ct);
}
