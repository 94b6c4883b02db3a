using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reach.Testing;

/// <summary>
/// One CRM user per role, ensured by the CRM at start from configuration (<c>Reach:Auth:Users:{i}:…</c>), and
/// sign-in helpers: tests call the API as a real, signed-in user.
/// </summary>
public static class TestUsers
{
    /// <summary>The password of every test user.</summary>
    public const string Password = "test-password-1";

    /// <summary>The roles, lowest first; the user of role <c>r</c> is <c>test-r</c>.</summary>
    public static readonly IReadOnlyList<string> Roles = ["viewer", "marketer", "approver", "admin"];

    /// <summary>The user name for <paramref name="role"/>.</summary>
    public static string UserName(string role) => "test-" + role;

    /// <summary>Configuration keys (colon form) that make the CRM ensure the four users.</summary>
    public static Dictionary<string, string> Settings() =>
        Roles.Select((role, i) => new[]
        {
            KeyValuePair.Create($"Reach:Auth:Users:{i}:UserName", UserName(role)),
            KeyValuePair.Create($"Reach:Auth:Users:{i}:Password", Password),
            KeyValuePair.Create($"Reach:Auth:Users:{i}:Role", role),
        }).SelectMany(x => x).ToDictionary();

    /// <summary>The same as environment variables (<c>__</c> form) for a CRM process.</summary>
    public static Dictionary<string, string> Environment() =>
        Settings().ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value);

    /// <summary>Signs in and returns the access token.</summary>
    /// <exception cref="InvalidOperationException">Sign-in did not answer 200.</exception>
    public static async Task<string> SignInAsync(HttpClient http, string userName, string password = Password, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { userName, password }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"sign-in as {userName}: {(int)response.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Sends <paramref name="token"/> on every request of <paramref name="http"/>.</summary>
    public static HttpClient Authorize(this HttpClient http, string? token)
    {
        http.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
