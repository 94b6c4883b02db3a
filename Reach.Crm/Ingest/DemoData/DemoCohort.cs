namespace Reach.Crm.Ingest.DemoData;

/// <summary>
/// One behavioural cohort of DEMO-DATA.md: its share of customers, how many orders its members place and how many
/// whole days before the reference time their most recent order is. The cohort is not stored; it only shapes the data.
/// </summary>
internal sealed record DemoCohort(string Name, int SharePercent, int MinOrders, int MaxOrders, int MinRecentDays, int MaxRecentDays);
