using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reach.Testing;

namespace Reach.EndToEnd.Tests;

/// <summary>
/// The channel simulator and the CRM as real processes over real HTTP, on a fresh database, with the four test users
/// (<see cref="TestUsers"/>) and a shared signing secret; and what the end-to-end tests ask of them: JSON calls that
/// fail with the CRM's recent output, waiting for a condition, the channel's ledger, and the funnel-equals-ledger check.
/// </summary>
internal sealed class ReachServices : IAsyncDisposable
{
    private const string Secret = "e2e-signing-secret";

    private ReachServices(string database, ServiceProcess channel, ServiceProcess crm)
    {
        Database = database;
        Channel = channel;
        Crm = crm;
    }

    /// <summary>The CRM's database (connection string).</summary>
    public string Database { get; }

    /// <summary>The channel simulator.</summary>
    public ServiceProcess Channel { get; }

    /// <summary>The CRM.</summary>
    public ServiceProcess Crm { get; }

    /// <summary>Creates a database named after <paramref name="hint"/>, starts the channel, then the CRM; the extra settings are added to each.</summary>
    public static async Task<ReachServices> StartAsync(string hint, IDictionary<string, string> channelSettings, IDictionary<string, string> crmSettings)
    {
        var database = await TestPostgres.CreateDatabaseAsync(hint);
        var channelEnvironment = new Dictionary<string, string>
        {
            ["Reach__Channel__SigningSecret"] = Secret,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var channel = ServiceProcess.Create("channel", "Reach.Channel", Merge(channelEnvironment, channelSettings));
        await channel.StartAsync();
        var crmEnvironment = new Dictionary<string, string>(TestUsers.Environment())
        {
            ["ConnectionStrings__reach"] = database,
            ["services__channel__http__0"] = channel.Url,
            ["Reach__Channel__SigningSecret"] = Secret,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var crm = ServiceProcess.Create("crm", "Reach.Crm", Merge(crmEnvironment, crmSettings));
        await crm.StartAsync();
        return new ReachServices(database, channel, crm);
    }

    /// <summary>A client for the CRM signed in as the test user of <paramref name="role"/>.</summary>
    public async Task<HttpClient> SignedInClientAsync(string role, CancellationToken ct)
    {
        var http = new HttpClient { BaseAddress = new Uri(Crm.Url), Timeout = TimeSpan.FromMinutes(5) };
        return http.Authorize(await TestUsers.SignInAsync(http, TestUsers.UserName(role), ct: ct));
    }

    /// <summary>Sends a request to the CRM and returns its JSON answer (default for an empty body); fails the test on a non-2xx answer.</summary>
    public async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {body}\n{string.Join('\n', Crm.Output.TakeLast(20))}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>POSTs <paramref name="json"/> to the CRM.</summary>
    public Task<JsonElement> PostAsync(HttpClient http, string path, string json, CancellationToken ct) =>
        SendAsync(http, HttpMethod.Post, path, new StringContent(json, Encoding.UTF8, "application/json"), ct);

    /// <summary>The campaign's funnel snapshot (<c>{ status, counts, rates, series }</c>).</summary>
    public Task<JsonElement> FunnelAsync(HttpClient http, long campaignId, CancellationToken ct) =>
        http.GetFromJsonAsync<JsonElement>($"/api/campaigns/{campaignId}/funnel", ct);

    /// <summary>The channel's ledger of a campaign, or null while the channel has not received any of its messages.</summary>
    public Task<JsonElement?> LedgerAsync(HttpClient http, long campaignId, CancellationToken ct) =>
        ChannelLedger.GetAsync(http, Channel.Url, campaignId, ct);

    /// <summary>Waits until the channel has emitted every receipt of the campaign's <paramref name="audience"/> messages, then until the CRM completes it.</summary>
    /// <returns>The complete ledger and the final funnel.</returns>
    public async Task<(JsonElement Ledger, JsonElement Funnel)> WaitForCompletionAsync(HttpClient http, long campaignId, int audience, CancellationToken ct)
    {
        JsonElement ledger = default;
        await WaitUntilAsync(async () =>
        {
            var current = await LedgerAsync(http, campaignId, ct);
            ledger = current ?? default;
            return ChannelLedger.IsComplete(current, audience);
        }, TimeSpan.FromMinutes(3), $"campaign {campaignId}: ledger complete");
        JsonElement funnel = default;
        await WaitUntilAsync(async () =>
        {
            funnel = await FunnelAsync(http, campaignId, ct);
            return funnel.GetProperty("status").GetString() == "completed";
        }, TimeSpan.FromMinutes(2), $"campaign {campaignId}: completed");
        return (ledger, funnel);
    }

    /// <summary>The CRM's funnel equals the channel's ledger (<see cref="ChannelLedger.Differences"/>).</summary>
    public static void AssertFunnelEqualsLedger(JsonElement funnel, JsonElement ledger, int audience, string what)
    {
        var differences = ChannelLedger.Differences(funnel, ledger, audience);
        Assert.True(differences.Count == 0, $"{what}: {string.Join("; ", differences)}");
    }

    /// <summary>Polls <paramref name="condition"/> every 250 ms (a service restarting counts as not yet); fails the test with both services' recent output after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // A service restarting.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"timed out waiting for {what}\n{string.Join('\n', Crm.Output.TakeLast(40))}\n{string.Join('\n', Channel.Output.TakeLast(40))}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Crm.DisposeAsync();
        await Channel.DisposeAsync();
        await (await TestPostgres.GetAsync()).DropDatabaseAsync(Database);
    }

    private static Dictionary<string, string> Merge(Dictionary<string, string> environment, IDictionary<string, string> extra)
    {
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }
}
