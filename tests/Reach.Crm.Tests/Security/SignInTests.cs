using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reach.Crm.Apis;
using Reach.Crm.Security;
using Reach.Testing;

namespace Reach.Crm.Tests.Security;

/// <summary>Sign-in, token expiry and revocation, users and roles, the sign-in and copilot rate limits.</summary>
public sealed class SignInTests(AuthFixture crm) : IClassFixture<AuthFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> NewUserAsync(string role)
    {
        var name = $"u{Guid.NewGuid():N}"[..20];
        using var admin = crm.ClientAs("admin");
        using var created = await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "a-good-password", role }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return name;
    }

    [Fact]
    public async Task Sign_in_answers_the_token_contract_and_me_names_the_user()
    {
        using var anonymous = crm.ClientAs(null);
        using var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "Test-Marketer", password = TestUsers.Password }, Ct);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.Equal(3600, token.GetProperty("expiresIn").GetInt64());
        Assert.Equal("test-marketer", token.GetProperty("userName").GetString());
        Assert.Equal("marketer", token.GetProperty("role").GetString());

        anonymous.Authorize(token.GetProperty("accessToken").GetString());
        Assert.Equal(new MeResponse("test-marketer", "marketer"), await anonymous.GetFromJsonAsync<MeResponse>("/api/auth/me", Ct));
    }

    [Fact]
    public async Task A_wrong_password_gets_401_and_repeated_attempts_get_429()
    {
        var name = await NewUserAsync("viewer");
        using var anonymous = crm.ClientAs(null);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = name, password = "wrong-password-" + i }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("user name or password is wrong", await wrong.Content.ReadAsStringAsync(Ct));
        }

        // The sixth attempt within the minute is refused, even with the right password.
        using var limited = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = name, password = "a-good-password" }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("too many sign-in attempts", await limited.Content.ReadAsStringAsync(Ct));

        // Other users are not affected.
        Assert.NotEmpty(await TestUsers.SignInAsync(anonymous, "test-viewer", ct: Ct));
    }

    [Fact]
    public async Task A_token_expires_after_its_lifetime()
    {
        var name = await NewUserAsync("viewer");
        using var client = crm.ClientAs(null);
        client.Authorize(await TestUsers.SignInAsync(client, name, "a-good-password", Ct));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
        try
        {
            crm.Clock.Offset = TimeSpan.FromSeconds(3500); // a margin for a slow machine between sign-in and this call
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
            crm.Clock.Offset = TimeSpan.FromSeconds(3601);
            using var expired = await client.GetAsync("/api/auth/me", Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
            Assert.Contains("expired", await expired.Content.ReadAsStringAsync(Ct));
        }
        finally
        {
            crm.Clock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Sign_out_revokes_every_token_of_the_user()
    {
        var name = await NewUserAsync("marketer");
        using var first = crm.ClientAs(null);
        using var second = crm.ClientAs(null);
        first.Authorize(await TestUsers.SignInAsync(first, name, "a-good-password", Ct));
        second.Authorize(await TestUsers.SignInAsync(second, name, "a-good-password", Ct));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/auth/me", Ct)).StatusCode);

        using var signOut = await first.PostAsync("/api/auth/sign-out", null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        foreach (var client in new[] { first, second })
        {
            using var refused = await client.GetAsync("/api/auth/me", Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("revoked", await refused.Content.ReadAsStringAsync(Ct));
        }

        // Signing in again works.
        first.Authorize(await TestUsers.SignInAsync(first, name, "a-good-password", Ct));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Admins_manage_users_and_a_role_change_takes_effect_at_once()
    {
        var name = await NewUserAsync("viewer");
        using var user = crm.ClientAs(null);
        user.Authorize(await TestUsers.SignInAsync(user, name, "a-good-password", Ct));
        using (var refused = await user.PostAsync("/api/segments/preview", new StringContent("{}", Encoding.UTF8, "application/json"), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var admin = crm.ClientAs("admin");
        using (var changed = await admin.PutAsJsonAsync($"/api/users/{name}/role", new { role = "marketer" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        Assert.Equal("marketer", (await user.GetFromJsonAsync<MeResponse>("/api/auth/me", Ct))!.Role);
        var users = await admin.GetFromJsonAsync<List<UserResponse>>("/api/users", Ct);
        Assert.Contains(users!, u => u.UserName == name && u.Role == "marketer");
        Assert.DoesNotContain("password", await admin.GetStringAsync("/api/users", Ct), StringComparison.OrdinalIgnoreCase);

        using var duplicate = await admin.PostAsJsonAsync("/api/users", new { userName = name, password = "another-password", role = "admin" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var badRole = await admin.PutAsJsonAsync($"/api/users/{name}/role", new { role = "root" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        using var shortPassword = await admin.PostAsJsonAsync("/api/users", new { userName = "short", password = "123", role = "viewer" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        // Identity's v3 hash format (PBKDF2, salted): base64 starting with the 0x01 format marker, never the password.
        var hash = await crm.ScalarAsync<string>("SELECT password_hash FROM users WHERE user_name = @n", ("n", name));
        Assert.Equal(0x01, Convert.FromBase64String(hash)[0]);
        Assert.DoesNotContain("a-good-password", hash);
    }

    [Fact]
    public async Task Configured_users_are_never_overwritten()
    {
        await using var scope = crm.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserService>();
        Assert.False(await users.EnsureAsync(new ConfiguredUser { UserName = "test-viewer", Password = "a-different-password", Role = "admin" }, Ct));
        using var anonymous = crm.ClientAs(null);
        anonymous.Authorize(await TestUsers.SignInAsync(anonymous, "test-viewer", ct: Ct));
        Assert.Equal("viewer", (await anonymous.GetFromJsonAsync<MeResponse>("/api/auth/me", Ct))!.Role);
    }

    [Fact]
    public async Task The_add_user_verb_creates_a_user_who_can_sign_in()
    {
        var output = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(output);
        var ran = await CrmCommandLine.TryRunAsync(["add-user", "--user-name", "cli-user", "--password", "cli-password-1", "--role", "approver",
            $"ConnectionStrings:reach={crm.ConnectionString}", "Logging:LogLevel:Default=Warning"]);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        Assert.True(ran);
        Assert.True(0 == Environment.ExitCode, output.ToString());
        Assert.True(output.ToString().Contains("cli-user", StringComparison.Ordinal), output.ToString());
        Assert.DoesNotContain("cli-password-1", output.ToString());
        Assert.Equal("cli", await crm.ScalarAsync<string>("SELECT actor FROM audit_log WHERE action = 'user.created' AND entity_id = (SELECT id FROM users WHERE user_name = 'cli-user')"));
        using var anonymous = crm.ClientAs(null);
        anonymous.Authorize(await TestUsers.SignInAsync(anonymous, "cli-user", "cli-password-1", Ct));
        Assert.Equal("approver", (await anonymous.GetFromJsonAsync<MeResponse>("/api/auth/me", Ct))!.Role);
    }

    [Fact]
    public async Task The_copilot_is_rate_limited_per_user()
    {
        var name = await NewUserAsync("viewer");
        using var client = crm.ClientAs(null);
        client.Authorize(await TestUsers.SignInAsync(client, name, "a-good-password", Ct));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync("/api/copilot/chat", new StringContent("""{"message":"hello"}""", Encoding.UTF8, "application/json"), Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        // Another user still gets through.
        using var other = crm.ClientAs("viewer");
        using var ok = await other.PostAsync("/api/copilot/chat", new StringContent("""{"message":"hello"}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}

/// <summary>Sign-in attempts from one client address are limited whatever the user name.</summary>
public sealed class SignInAddressLimitTests(IpLimitFixture crm) : IClassFixture<IpLimitFixture>
{
    [Fact]
    public async Task Sign_ins_from_one_address_get_429_over_the_limit()
    {
        // 6 per minute from this address, 4 of them used by the fixture's sign-ins (unless the window turned since):
        // within 7 more attempts with ever-new user names, the address limit answers 429.
        using var anonymous = crm.ClientAs(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = $"someone-{i}", password = "whatever-password" }, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("slow down", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }
}
