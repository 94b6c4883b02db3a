using Reach.Testing;

namespace Reach.Web.Tests.Browser;

/// <summary>
/// PostgreSQL, the channel, the CRM and the web app as real processes, with three users (marketer, approver, admin)
/// configured for the CRM (<c>Reach:Auth:Users</c>), and the demo brand's data seeded by the admin. A subclass gives the
/// CRM other settings (<see cref="CrmSettings"/>) and loads other data (<see cref="LoadDataAsync"/>).
/// </summary>
public class WebStack : IAsyncLifetime
{
    /// <summary>The users: name, password, role.</summary>
    public static readonly (string Name, string Password, string Role)[] Users =
    [
        ("maya", "maya-marketer-pass", "marketer"),
        ("amir", "amir-approver-pass", "approver"),
        ("ada", "ada-admin-pass", "admin"),
    ];

    private const string Secret = "web-e2e-signing-secret";
    private string _database = "";

    /// <summary>The channel simulator.</summary>
    public ServiceProcess Channel { get; private set; } = null!;

    /// <summary>The CRM.</summary>
    public ServiceProcess Crm { get; private set; } = null!;

    /// <summary>The web app.</summary>
    public ServiceProcess Web { get; private set; } = null!;

    /// <summary>True once the CRM issues tokens (authentication merged).</summary>
    public bool CrmHasAuthentication { get; private set; }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync("web");
        Channel = ServiceProcess.Create("channel", "Reach.Channel", new Dictionary<string, string>
        {
            ["Reach__Channel__SigningSecret"] = Secret,
            ["Reach__Channel__TimeScale"] = "0.02",
            ["Reach__Channel__Seed"] = "5",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await Channel.StartAsync();

        var crm = new Dictionary<string, string>
        {
            ["ConnectionStrings__reach"] = _database,
            ["services__channel__http__0"] = Channel.Url,
            ["Reach__Channel__SigningSecret"] = Secret,
            ["Reach__Dispatch__CompletionQuietSeconds"] = "3",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in CrmSettings)
        {
            crm[key] = value;
        }

        AddUsers(crm);
        Crm = ServiceProcess.Create("crm", "Reach.Crm", crm);
        await Crm.StartAsync();

        var web = new Dictionary<string, string>
        {
            ["services__crm__http__0"] = Crm.Url,
            ["Reach__Web__Culture"] = "en-GB",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in WebSettings)
        {
            web[key] = value;
        }

        Web = ServiceProcess.CreateSelfContained("web", "Reach.Web", "net9.0", web);
        await Web.StartAsync();

        using var http = await CrmClientAsync("ada");
        await LoadDataAsync(http);
    }

    /// <summary>Extra web settings (environment variable form).</summary>
    protected virtual IReadOnlyDictionary<string, string> WebSettings { get; } = new Dictionary<string, string>();

    /// <summary>Extra CRM settings (environment variable form).</summary>
    protected virtual IReadOnlyDictionary<string, string> CrmSettings { get; } = new Dictionary<string, string>();

    /// <summary>Loads the data the tests use, as the admin (<paramref name="admin"/>): 3,000 demo customers at seed 42.</summary>
    protected virtual async Task LoadDataAsync(HttpClient admin)
    {
        using var seed = await admin.PostAsync("/api/ingest/demo?customers=3000&seed=42", null);
        Assert.True(seed.IsSuccessStatusCode, $"seeding: {(int)seed.StatusCode} {await seed.Content.ReadAsStringAsync()}");
    }

    /// <summary>An HttpClient for the CRM signed in as <paramref name="user"/> (its bearer token on every request).</summary>
    /// <exception cref="InvalidOperationException">The CRM refused the sign-in.</exception>
    public async Task<HttpClient> CrmClientAsync(string user)
    {
        var (name, password, _) = Users.Single(u => u.Name == user);
        var http = new HttpClient { BaseAddress = new Uri(Crm.Url), Timeout = TimeSpan.FromMinutes(3) };
        http.Authorize(await TestUsers.SignInAsync(http, name, password));
        CrmHasAuthentication = true;
        return http;
    }

    /// <summary>Recent output of the three services, for failure messages.</summary>
    public string Logs() =>
        string.Join('\n', Web.Output.TakeLast(40).Concat(Crm.Output.TakeLast(40)).Concat(Channel.Output.TakeLast(20)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Web is not null)
        {
            await Web.DisposeAsync();
        }

        if (Crm is not null)
        {
            await Crm.DisposeAsync();
        }

        if (Channel is not null)
        {
            await Channel.DisposeAsync();
        }

        await (await TestPostgres.GetAsync()).DropDatabaseAsync(_database);
    }

    private static void AddUsers(Dictionary<string, string> environment)
    {
        for (var i = 0; i < Users.Length; i++)
        {
            environment[$"Reach__Auth__Users__{i}__UserName"] = Users[i].Name;
            environment[$"Reach__Auth__Users__{i}__Password"] = Users[i].Password;
            environment[$"Reach__Auth__Users__{i}__Role"] = Users[i].Role;
        }
    }
}
