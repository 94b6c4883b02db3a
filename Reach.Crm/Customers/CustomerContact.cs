namespace Reach.Crm.Customers;

/// <summary>
/// When a campaign last reached a customer (frequency capping: <c>last_contacted_days_ago</c>). Kept in its own narrow
/// table, not on the wide <see cref="Customer"/> row: the dispatcher writes it for every message, and an update here
/// touches one small row with free space on its page (a HOT update, no index insert) where an update of
/// <c>customers</c> rewrote a ~400-byte row and inserted into each of its indexes. A customer never contacted has no row.
/// </summary>
public sealed class CustomerContact
{
    /// <summary>The customer (<see cref="Customer.Id"/>).</summary>
    public long CustomerId { get; set; }

    /// <summary>When the channel last accepted a message to this customer (UTC).</summary>
    public DateTimeOffset LastContactedAt { get; set; }
}
