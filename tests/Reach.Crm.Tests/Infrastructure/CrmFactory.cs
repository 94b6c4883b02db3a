using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Reach.Testing;

namespace Reach.Crm.Tests.Infrastructure;

/// <summary>
/// The CRM in-process over a fresh database of the shared throwaway cluster (one per test class), with one signed-in
/// user per role (<see cref="TestUsers"/>). <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> calls as
/// <see cref="DefaultRole"/> (admin); <see cref="ClientAs"/> as another role or anonymously.
/// Extra settings go in <see cref="Settings"/> before first use.
/// </summary>
public class CrmFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string> _tokens = new();

    /// <summary>The role <c>CreateClient()</c> calls as.</summary>
    public string DefaultRole { get; set; } = "admin";

    /// <summary>The test database's connection string.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Configuration given to the CRM.</summary>
    public Dictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(
        TestUsers.Settings().Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)))
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Reach:Auth:CopilotPerUserPerMinute"] = "10000", // evaluation runs chat far faster than a person; SignInTests test the limit
    };

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        _ = Server; // start now: migrations applied, users ensured
        using var anonymous = ClientAs(null);
        foreach (var role in TestUsers.Roles)
        {
            _tokens[role] = await TestUsers.SignInAsync(anonymous, TestUsers.UserName(role));
        }
    }

    /// <summary>The access token of the test user with <paramref name="role"/>.</summary>
    public string TokenFor(string role) => _tokens[role];

    /// <summary>A client signed in as the test user of <paramref name="role"/>; null: anonymous.</summary>
    public HttpClient ClientAs(string? role)
    {
        var client = CreateClient();
        return client.Authorize(role is null ? null : _tokens[role]);
    }

    /// <inheritdoc />
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (_tokens.TryGetValue(DefaultRole, out var token))
        {
            client.Authorize(token);
        }
    }

    /// <summary>Opens a connection to the test database.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    /// <summary>Runs a scalar query on the test database.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = await OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:reach", ConnectionString);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ConnectionString.Length > 0)
        {
            await (await TestPostgres.GetAsync()).DropDatabaseAsync(ConnectionString);
        }

        GC.SuppressFinalize(this);
    }
}
