using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Reach.Testing;

namespace Reach.Crm.Tests.Infrastructure;

/// <summary>
/// The CRM in-process over a fresh database of the shared throwaway cluster (one per test class).
/// Extra settings go in <see cref="Settings"/> before first use.
/// </summary>
public class CrmFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The test database's connection string.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Configuration given to the CRM.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        _ = Server; // start now: migrations applied
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
