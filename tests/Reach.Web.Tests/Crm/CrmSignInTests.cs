using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Reach.Web.Auth;

namespace Reach.Web.Tests.Crm;

/// <summary>Signing in: the CRM's token endpoint decides; its answers become the session or a message.</summary>
public sealed class CrmSignInTests
{
    private static CrmSignIn SignIn(StubHttp http) => new(http, TimeProvider.System, NullLogger<CrmSignIn>.Instance);

    [Fact]
    public async Task The_crm_token_becomes_the_session_with_its_role_and_lifetime()
    {
        var http = new StubHttp(_ => StubHttp.Json(HttpStatusCode.OK, """{"accessToken":"abc","tokenType":"Bearer","expiresIn":3600,"userName":"amir","role":"approver"}"""));
        var result = await SignIn(http).SignInAsync("amir", "secret", TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded);
        Assert.Equal(("amir", "approver", "abc"), (result.UserName, result.Role, result.Token));
        Assert.InRange(result.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        var (request, body) = Assert.Single(http.Requests);
        Assert.Equal("/api/auth/token", request.RequestUri!.AbsolutePath);
        Assert.Contains("\"userName\":\"amir\"", body);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "not right")]
    [InlineData(HttpStatusCode.TooManyRequests, "Too many attempts")]
    [InlineData(HttpStatusCode.InternalServerError, "could not sign you in")]
    [InlineData(HttpStatusCode.NotFound, "could not sign you in")]
    public async Task Refusals_become_messages(HttpStatusCode status, string message)
    {
        var http = new StubHttp(_ => new HttpResponseMessage(status));
        var result = await SignIn(http).SignInAsync("amir", "wrong", TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Error);
    }
}
