namespace Reach.Crm.Ingest;

/// <summary>Section <c>Reach:Ingest</c>: tuning of the bulk ingest path.</summary>
public sealed class IngestOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Reach:Ingest";

    /// <summary>
    /// Fewest rows an initial load (an empty customers table, or a store's first orders) must write before the table's
    /// secondary indexes are dropped and rebuilt after the load instead of maintained row by row (default 50,000; see
    /// <c>Bulk/SecondaryIndexes</c>). Key <c>Reach:Ingest:IndexRebuildMinimumRows</c>.
    /// </summary>
    public long IndexRebuildMinimumRows { get; set; } = 50_000;

    /// <summary>
    /// Size in MB of each database session's pool for temporary tables (PostgreSQL's <c>temp_buffers</c>, default 8 MB),
    /// where an ingest stages its file: pages beyond the pool are written out and read back through the operating
    /// system. Only ingest uses temporary tables, and a session takes the memory only as it fills it (PostgreSQL docs
    /// §20.4.1). Default 512: the Online Retail import's staged lines stay in memory (on a 2-core VM, four runs each,
    /// interleaved: 5.59–5.74 s with it, 5.77–6.20 s with 8 MB — faster in every pair). Key
    /// <c>Reach:Ingest:TempBuffersMegabytes</c>; 0 leaves the server's setting.
    /// </summary>
    public int TempBuffersMegabytes { get; set; } = 512;

    /// <summary>
    /// Size in KB of the write buffer of the CRM's database connections (Npgsql's <c>Write Buffer Size</c>, default 8 KB),
    /// through which an ingest's <c>COPY</c> sends its rows: a larger buffer sends them in fewer, larger writes to the
    /// socket. Default 256: seeding 1,000,000 demo customers (1.3 GB of staged order lines) took the CRM process 23.3 CPU-s
    /// with it against 29.0 with 8 KB (system time 2.4 against 5.8 s; 2-core VM). Each open connection holds one such
    /// buffer. Key <c>Reach:Ingest:WriteBufferKilobytes</c>; 0 leaves Npgsql's default; a <c>Write Buffer Size</c> in
    /// the connection string wins.
    /// </summary>
    public int WriteBufferKilobytes { get; set; } = 256;
}
