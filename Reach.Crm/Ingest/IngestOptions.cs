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
}
