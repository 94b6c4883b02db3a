using Npgsql;

namespace Reach.Crm.Ingest.Bulk;

/// <summary>Runs the bulk path's set-based statements: no timeout (a merge of millions of rows takes as long as it takes), UTC times.</summary>
internal static class BulkSql
{
    /// <summary>Executes <paramref name="sql"/> with the optional <c>@now</c> parameter; returns the rows affected.</summary>
    public static async Task<int> ExecAsync(NpgsqlConnection conn, string sql, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = Command(conn, sql, now);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Executes <paramref name="sql"/> and returns the first column of the first row as a number.</summary>
    public static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = Command(conn, sql, now);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
    }

    /// <summary>Runs a <c>DELETE … RETURNING line_no, column, reason</c> and logs each row as rejected.</summary>
    public static async Task RejectAsync(NpgsqlConnection conn, string sql, RejectionLog rejections, CancellationToken ct)
    {
        await using var cmd = Command(conn, sql, default);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rejections.Add(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2));
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection conn, string sql, DateTimeOffset now)
    {
        var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        if (sql.Contains("@now", StringComparison.Ordinal))
        {
            cmd.Parameters.AddWithValue("now", now.UtcDateTime);
        }

        return cmd;
    }
}
