using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reach.Web.Crm;

namespace Reach.Web.Auth;

/// <summary>
/// Checks a user's credentials with the CRM (<c>POST /api/auth/token</c>) and returns the CRM token to keep with the
/// session: the CRM alone decides who may sign in and with which role.
/// </summary>
/// <param name="factory">Creates the CRM client.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">Logs outcomes (never passwords).</param>
public sealed class CrmSignIn(IHttpClientFactory factory, TimeProvider time, ILogger<CrmSignIn> logger)
{
    /// <summary>The HttpClient used for sign-in and sign-out (no retries).</summary>
    public const string ClientName = "crm-auth";

    /// <summary>Checks <paramref name="userName"/> and <paramref name="password"/>.</summary>
    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return SignInResult.Fail("Enter your user name and password.");
        }

        HttpResponseMessage response;
        try
        {
            response = await factory.CreateClient(ClientName).PostAsJsonAsync("http://crm/api/auth/token", new { userName, password }, ct);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.ExecutionRejectedException)
        {
            logger.LogWarning(e, "The CRM could not be reached to sign {UserName} in", userName);
            return SignInResult.Fail("The CRM can't be reached right now; try again in a moment.");
        }

        using var _ = response;
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                var token = await response.Content.ReadFromJsonAsync<CrmToken>(new JsonSerializerOptions(JsonSerializerDefaults.Web), ct);
                if (token is null)
                {
                    return SignInResult.Fail("The CRM sent an empty answer.");
                }

                logger.LogInformation("User {UserName} signed in with role {Role}", token.UserName, token.Role);
                return new SignInResult(true, token.UserName, token.Role, token.AccessToken, time.GetUtcNow().AddSeconds(token.ExpiresIn), null);
            case HttpStatusCode.Unauthorized:
                logger.LogInformation("Sign-in refused for {UserName}", userName);
                return SignInResult.Fail("The user name or password is not right.");
            case HttpStatusCode.TooManyRequests:
                return SignInResult.Fail("Too many attempts; wait a minute and try again.");
            default:
                logger.LogWarning("The CRM answered {Status} to a sign-in", (int)response.StatusCode);
                return SignInResult.Fail("The CRM could not sign you in right now; try again.");
        }
    }

    /// <summary>Signs the user out of the CRM (revokes the token); failures are logged, not thrown.</summary>
    public async Task SignOutAsync(string? token, CancellationToken ct)
    {
        if (token is null)
        {
            return;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "http://crm/api/auth/sign-out");
            request.Headers.Authorization = new("Bearer", token);
            using var response = await factory.CreateClient(ClientName).SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.ExecutionRejectedException)
        {
            logger.LogWarning(e, "Could not revoke the CRM token at sign-out");
        }
    }
}
