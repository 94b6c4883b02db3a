using System.Net;

namespace Reach.Web.Crm;

/// <summary>The CRM answered with an error; <see cref="Exception.Message"/> is its problem detail, fit to show.</summary>
/// <param name="status">The HTTP status the CRM answered.</param>
/// <param name="message">What went wrong, for people.</param>
public sealed class CrmException(HttpStatusCode status, string message) : Exception(message)
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>True for 403: the signed-in user's role may not do this.</summary>
    public bool IsForbidden => Status == HttpStatusCode.Forbidden;

    /// <summary>True for 401: the CRM token expired or was revoked.</summary>
    public bool IsUnauthorized => Status == HttpStatusCode.Unauthorized;
}
