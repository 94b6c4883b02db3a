using System.Diagnostics;
using Npgsql;

namespace Reach.Bench.Infrastructure;

/// <summary>
/// A same-run baseline: rows written by one bare <c>INSERT … SELECT</c> into an unlogged table without indexes, created
/// before and dropped after — what the machine and PostgreSQL manage at that moment for a plain write of that shape.
/// </summary>
internal static class BareInsert
{
    /// <summary>Creates <paramref name="table"/> with <paramref name="columns"/>, times <paramref name="select"/> into it, drops it.</summary>
    /// <param name="connectionString">The database.</param>
    /// <param name="table">A scratch table name (dropped first if it exists).</param>
    /// <param name="columns">Its column list, e.g. <c>(id bigint, name text)</c>.</param>
    /// <param name="select">The <c>SELECT</c> whose rows are inserted.</param>
    /// <param name="ct">Cancels the statements.</param>
    /// <returns>The insert's wall time and its row count.</returns>
    public static async Task<(TimeSpan Time, long Rows)> TimeAsync(string connectionString, string table, string columns, string select, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using (var create = new NpgsqlCommand($"DROP TABLE IF EXISTS {table}; CREATE UNLOGGED TABLE {table} {columns}", conn))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var started = Stopwatch.GetTimestamp();
        long rows;
        await using (var insert = new NpgsqlCommand($"INSERT INTO {table} {select}", conn) { CommandTimeout = 0 })
        {
            rows = await insert.ExecuteNonQueryAsync(ct);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await using (var drop = new NpgsqlCommand($"DROP TABLE {table}", conn))
        {
            await drop.ExecuteNonQueryAsync(ct);
        }

        return (elapsed, rows);
    }
}
