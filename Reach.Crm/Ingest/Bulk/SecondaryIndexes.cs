using Npgsql;

namespace Reach.Crm.Ingest.Bulk;

/// <summary>
/// The initial-load technique of PostgreSQL's "Populating a Database" (docs §14.4.3, "Remove Indexes"): for a load
/// that writes (nearly) every row of a table, its secondary indexes are dropped inside the ingest's transaction and
/// rebuilt once at the end — one sort per index instead of one index insertion per row and index (the customers
/// table has five, two of them trigram GIN indexes). The primary key stays. Everything happens in the caller's
/// transaction: a failure (including a unique index that no longer holds) rolls back to the indexes as they were.
/// Dropping an index locks its table exclusively until commit, so this is for initial loads, when the table is
/// empty (or, for the orders, when a store's first orders are loaded), never for the
/// everyday upload.
/// </summary>
internal sealed class SecondaryIndexes
{
    private readonly List<string> _definitions;

    private SecondaryIndexes(List<string> definitions) => _definitions = definitions;

    /// <summary>
    /// Drops the secondary indexes of <paramref name="table"/> (every index that backs no constraint) and remembers their
    /// definitions.
    /// </summary>
    /// <exception cref="NpgsqlException">The table is not there, or a lock cannot be taken.</exception>
    public static async Task<SecondaryIndexes> DropAsync(NpgsqlConnection conn, string table, CancellationToken ct)
    {
        var definitions = new List<string>();
        var names = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname), pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_namespace n ON n.oid = ic.relnamespace
            WHERE i.indrelid = to_regclass(@table)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            ORDER BY ic.relname
            """, conn) { CommandTimeout = 0 })
        {
            cmd.Parameters.AddWithValue("table", table);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                names.Add(reader.GetString(0));
                definitions.Add(reader.GetString(1));
            }
        }

        if (names.Count > 0)
        {
            await BulkSql.ExecAsync(conn, $"DROP INDEX {string.Join(", ", names)}", default, ct);
        }

        return new SecondaryIndexes(definitions);
    }

    /// <summary>Rebuilds the dropped indexes from their definitions (with 256 MB of <c>maintenance_work_mem</c> for the sorts).</summary>
    public async Task RecreateAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await BulkSql.ExecAsync(conn, "SET LOCAL maintenance_work_mem = '256MB'", default, ct);
        foreach (var definition in _definitions)
        {
            await BulkSql.ExecAsync(conn, definition, default, ct);
        }

        _definitions.Clear();
    }
}
