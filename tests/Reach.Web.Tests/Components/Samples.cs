using System.Text.Json;
using Reach.Web.Crm;

namespace Reach.Web.Tests.Components;

/// <summary>Sample CRM data for component tests.</summary>
public static class Samples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 21, 0, 0, TimeSpan.Zero);

    public static Campaign Draft(long id = 7) => new(id, "Lipstick win-back", "Win back lipstick buyers", 3, "Lapsed lipstick buyers", "whatsapp",
        "Most of them opted in to WhatsApp", "Hi {{first_name | there}}, we miss you", "draft", "INR", null, null, "copilot", "maya",
        Now, Now, null, null, null, null, 1, null, []);

    public static Campaign Completed(long id = 8) => Draft(id) with
    {
        Name = "Thank-you", Status = "completed", AudienceSize = 1200, ExcludedCount = 30, ApprovedBy = "amir", ApprovedAt = Now, LaunchedAt = Now,
        CompletedAt = Now, Funnel = Counts(),
    };

    public static FunnelCounts Counts() => new(1200, 1200, 1190, 1150, 800, 600, 300, 120, 10, 123456.5m, "INR");

    public static FunnelSnapshot Funnel(long id = 8, string status = "completed") =>
        new(id, status, Counts(), new(96.6, 69.6, 75, 26.1, 10.4, 0.8), [new(Now, 100, 100, 95, 60, 50, 20, 8, 1, 1000m)], Now);

    public static Recipient Recipient(long id) =>
        new(id, 100 + id, $"Customer {id}", $"+9199000{id:D5}", "delivered", false, null, Now, Now, Now, null, null, null, "Hi");

    public static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
