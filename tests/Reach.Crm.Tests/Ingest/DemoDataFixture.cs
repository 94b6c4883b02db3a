using Reach.Crm.Tests.Infrastructure;

namespace Reach.Crm.Tests.Ingest;

/// <summary>The CRM with the demo brand at the default seed and size (42, 1,000), generated and segmented as of <see cref="AsOf"/>.</summary>
public sealed class DemoDataFixture : CrmFactory
{
    /// <summary>The reference time of the data and of segment conditions.</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public override async ValueTask InitializeAsync()
    {
        Settings["Reach:Segmentation:AsOf"] = AsOf.ToString("O");
        await base.InitializeAsync();
        using var client = CreateClient();
        using var response = await client.PostAsync($"/api/ingest/demo?customers=1000&seed=42&asOf={Uri.EscapeDataString(AsOf.ToString("O"))}", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
