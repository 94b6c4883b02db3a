using Microsoft.Extensions.Logging;
using Npgsql;

namespace Reach.AppHost.Postgres;

/// <summary>The few SQL operations the AppHost needs: wait for a server, provision the role and database, look for data.</summary>
public sealed class PostgresDatabase(ILogger<PostgresDatabase> logger)
{
    /// <summary>Waits until the server behind <paramref name="connectionString"/> accepts a connection.</summary>
    /// <param name="connectionString">Where to connect.</param>
    /// <param name="timeout">How long to keep trying.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="InvalidOperationException">It did not accept a connection in time, or it refused the credentials.</exception>
    public async Task WaitUntilAcceptingAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 };
        var deadline = DateTime.UtcNow + timeout;
        var lastReport = DateTime.UtcNow;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                // The server is up; the database is missing (the CRM will say so too).
                logger.LogWarning("PostgreSQL at {Host}:{Port} accepts connections, but database {Database} does not exist",
                    builder.Host, builder.Port, builder.Database);
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
            {
                throw new InvalidOperationException($"PostgreSQL at {builder.Host}:{builder.Port} refused the credentials: {e.MessageText}", e);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL at {builder.Host}:{builder.Port} did not accept a connection within {timeout.TotalSeconds:N0} s: {e.Message}", e);
                }

                if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(10))
                {
                    lastReport = DateTime.UtcNow;
                    logger.LogInformation("Waiting for PostgreSQL at {Host}:{Port}: {Error}", builder.Host, builder.Port, e.Message);
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>
    /// Creates (or updates) the login role <paramref name="role"/> with <paramref name="password"/>, and the database
    /// <paramref name="database"/> owned by it when it is missing.
    /// </summary>
    /// <param name="adminConnectionString">A superuser connection.</param>
    /// <param name="role">The role name.</param>
    /// <param name="password">Its password.</param>
    /// <param name="database">The database name.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    /// <returns>True when the database was created now.</returns>
    public async Task<bool> EnsureRoleAndDatabaseAsync(string adminConnectionString, string role, string password, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);

        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @role)", connection))
        {
            exists.Parameters.AddWithValue("role", role);
            var verb = (bool)(await exists.ExecuteScalarAsync(cancellationToken))! ? "ALTER" : "CREATE";
            // Utility statements take no parameters: the identifier is quoted and the literal escaped.
            await using var upsert = new NpgsqlCommand($"{verb} ROLE {Identifier(role)} WITH LOGIN PASSWORD {Literal(password)}", connection);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @db)", connection))
        {
            exists.Parameters.AddWithValue("db", database);
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return false;
            }
        }

        await using (var create = new NpgsqlCommand($"CREATE DATABASE {Identifier(database)} OWNER {Identifier(role)} ENCODING 'UTF8'", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>Whether the CRM's <c>customers</c> table has any row (false when the table does not exist yet).</summary>
    public async Task<bool> HasCustomersAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM customers)", connection);
        try
        {
            return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false;
        }
    }

    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
