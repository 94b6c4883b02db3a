namespace Reach.Crm.Ingest;

/// <summary>Collects rejected rows for a report: counts all of them, keeps the first <see cref="IngestLimits.MaxReportedRejections"/>.</summary>
public sealed class RejectionLog
{
    private readonly List<RowError> _listed = [];
    private readonly HashSet<long> _lines = [];

    /// <summary>Rejected rows (distinct lines).</summary>
    public long Count { get; private set; }

    /// <summary>The listed errors, ordered by line.</summary>
    public IReadOnlyList<RowError> Listed => _listed.OrderBy(e => e.Line).ToList();

    /// <summary>Records the errors of one rejected row.</summary>
    public void Add(IReadOnlyList<RowError> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }

        if (_lines.Count < 1_000_000 && !_lines.Add(errors[0].Line))
        {
            return;
        }

        Count++;
        foreach (var e in errors)
        {
            if (_listed.Count < IngestLimits.MaxReportedRejections)
            {
                _listed.Add(e);
            }
        }
    }

    /// <summary>Records a row rejected for one reason.</summary>
    public void Add(long line, string? column, string reason) => Add([new RowError(line, column, reason)]);
}
