using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Reach.Crm.Ingest.Bulk;

/// <summary>
/// One run: consecutive accepted lines of one order in a file. Its sums are taken while the file streams, so the merge
/// groups runs (usually one per order) rather than every line: line count, total (quantity × unit price, exact), the
/// earliest order time, an order-independent digest of the lines (the sum of each line's 64-bit XxHash64 over
/// <c>sku|product_name|category|quantity|unit_price</c>, so their order does not matter), and whether the run's lines
/// disagree on customer, currency or status.
/// </summary>
internal sealed class OrderRun
{
    private readonly List<(long Line, OrderLineRecord Record)> _lines = [];
    private byte[] _buffer = new byte[256];

    /// <summary>The run's number in the file (1, 2, …).</summary>
    public long Number { get; private set; }

    /// <summary>The order the run belongs to; null before the first line.</summary>
    public string? Order => _lines.Count > 0 ? _lines[0].Record.OrderExternalId : null;

    /// <summary>The run's lines with their file line numbers, in file order.</summary>
    public IReadOnlyList<(long Line, OrderLineRecord Record)> Lines => _lines;

    /// <summary>Sum of quantity × unit price.</summary>
    public decimal Total { get; private set; }

    /// <summary>Sum of the lines' signed 64-bit hashes.</summary>
    public decimal Digest { get; private set; }

    /// <summary>The earliest order time among the lines.</summary>
    public DateTimeOffset OrderedAt { get; private set; }

    /// <summary>Whether the lines name more than one customer, currency or status.</summary>
    public bool Inconsistent { get; private set; }

    /// <summary>Starts run <paramref name="number"/> (the previous one must have been written).</summary>
    public void Start(long number)
    {
        Number = number;
        _lines.Clear();
        (Total, Digest, Inconsistent) = (0, 0, false);
    }

    /// <summary>Adds a line of this run's order.</summary>
    public void Add(long line, OrderLineRecord l)
    {
        if (_lines.Count == 0)
        {
            OrderedAt = l.OrderedAt;
        }
        else
        {
            var first = _lines[0].Record;
            Inconsistent |= !string.Equals(first.CustomerExternalId, l.CustomerExternalId, StringComparison.Ordinal)
                            || !string.Equals(first.Currency, l.Currency, StringComparison.Ordinal)
                            || first.IsCancellation != l.IsCancellation;
            if (l.OrderedAt < OrderedAt)
            {
                OrderedAt = l.OrderedAt;
            }
        }

        _lines.Add((line, l));
        Total += l.Quantity * l.UnitPrice;
        Digest += unchecked((long)LineHash(l));
    }

    private ulong LineHash(OrderLineRecord l)
    {
        var text = string.Join('|', l.Sku, l.ProductName, l.Category ?? "",
            l.Quantity.ToString(CultureInfo.InvariantCulture), l.UnitPrice.ToString(CultureInfo.InvariantCulture));
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_buffer.Length < max)
        {
            _buffer = new byte[max];
        }

        var length = Encoding.UTF8.GetBytes(text, _buffer);
        return XxHash64.HashToUInt64(_buffer.AsSpan(0, length));
    }
}
