namespace Reach.Crm.Customers;

/// <summary>A customer in a search result.</summary>
/// <param name="IsSynthetic">True when the contact details are the synthetic overlay.</param>
public sealed record CustomerListItem(
    long Id, string? ExternalId, string? Name, string? Email, string? Phone, string? City, string? Country,
    int OrderCount, decimal TotalSpent, DateTimeOffset? LastOrderAt, bool IsSynthetic);

/// <summary>A keyset page of customers: pass <paramref name="NextAfter"/> as <c>after</c> for the next one (null at the end).</summary>
public sealed record CustomerPage(IReadOnlyList<CustomerListItem> Items, long? NextAfter);

/// <summary>One customer with metrics, consent, recent orders and recent messages.</summary>
public sealed record CustomerDetail(
    CustomerListItem Customer,
    string? Gender,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Categories,
    string? LastItem,
    decimal AvgOrderValue,
    DateTimeOffset? FirstOrderAt,
    DateTimeOffset? LastContactedAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Consent,
    IReadOnlyList<CustomerOrder> Orders,
    IReadOnlyList<CustomerMessage> Messages);

/// <summary>One of a customer's orders.</summary>
public sealed record CustomerOrder(long Id, string ExternalId, DateTimeOffset OrderedAt, decimal Total, string Currency, string Status, int LineCount);

/// <summary>One message a customer was sent.</summary>
public sealed record CustomerMessage(long CommunicationId, long CampaignId, string CampaignName, string Channel, string Stage, bool Failed, DateTimeOffset QueuedAt, DateTimeOffset? DeliveredAt, DateTimeOffset? ConvertedAt, decimal? ConversionValue);

/// <summary>The home page's key numbers.</summary>
/// <param name="Customers">Customers.</param>
/// <param name="Orders">Orders (the maintained per-customer counts, summed).</param>
/// <param name="Revenue">Net spend of all customers, in <paramref name="Currency"/>.</param>
/// <param name="CampaignsSent">Campaigns launched.</param>
/// <param name="MessagesDelivered">Messages delivered over all campaigns.</param>
/// <param name="Conversions">Conversions over all campaigns.</param>
/// <param name="AttributedRevenue">Revenue attributed to campaigns.</param>
public sealed record Kpis(long Customers, long Orders, decimal Revenue, long CampaignsSent, long MessagesDelivered, long Conversions, decimal AttributedRevenue, string Currency);
