using System.Data;
using System.Diagnostics;
using Npgsql;

namespace Reach.Crm.Ingest.Bulk;

/// <summary>
/// One ingest's transaction: UTC times, a larger <c>work_mem</c> for the merges, its staging tables (dropped at
/// commit), and an advisory lock, taken once the rows are staged, that serialises the merges (two uploads never merge
/// into the same rows at once, while their files still stream into their own staging tables side by side).
/// Disposing without commit rolls everything back: nothing is half-written.
/// </summary>
internal sealed class IngestRun : IAsyncDisposable
{
    private const long IngestLockKey = 0x5245414348_01; // "REACH" + 1

    private IngestRun(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now)
    {
        Connection = connection;
        Transaction = transaction;
        Now = now;
    }

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }
    public long Started { get; } = Stopwatch.GetTimestamp();
    public DateTimeOffset Now { get; }
    public RejectionLog Rejections { get; } = new();

    /// <summary>Opens the connection and transaction and creates the staging tables of <paramref name="stagingSql"/>.</summary>
    public static async Task<IngestRun> BeginAsync(NpgsqlDataSource dataSource, TimeProvider time, string stagingSql, CancellationToken ct)
    {
        var conn = await dataSource.OpenConnectionAsync(ct);
        // Read committed, whatever the server's default: each merge statement must see what other ingests committed
        // before it started (the demo seeder merges its orders after its customers commit on another connection).
        var tx = await conn.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var run = new IngestRun(conn, tx, time.GetUtcNow());
        await BulkSql.ExecAsync(conn, "SET LOCAL TimeZone = 'UTC'; SET LOCAL work_mem = '128MB'", default, ct);
        await BulkSql.ExecAsync(conn, stagingSql, run.Now, ct);
        return run;
    }

    /// <summary>Waits for, and holds until commit or rollback, the lock that lets one ingest merge at a time.</summary>
    public Task LockForMergeAsync(CancellationToken ct) =>
        BulkSql.ExecAsync(Connection, $"SELECT pg_advisory_xact_lock({IngestLockKey})", default, ct);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
