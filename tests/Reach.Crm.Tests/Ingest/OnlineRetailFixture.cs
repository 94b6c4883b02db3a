using System.Net.Http.Headers;
using System.Net.Http.Json;
using Reach.Crm.Ingest;
using Reach.Crm.Tests.Infrastructure;
using Reach.Testing;

namespace Reach.Crm.Tests.Ingest;

/// <summary>The CRM with the full Online Retail file imported once through the API (with the synthetic contact overlay), shared by the "online-retail" collection.</summary>
[CollectionDefinition("online-retail")]
public sealed class OnlineRetailCollection : ICollectionFixture<OnlineRetailFixture>;

/// <summary>The CRM with the full Online Retail file imported once through the API (with the synthetic contact overlay).</summary>
public sealed class OnlineRetailFixture : CrmFactory
{
    /// <summary>The reference time the eval set uses for Online Retail (its last invoice is 2011-12-09).</summary>
    public static readonly DateTimeOffset AsOf = new(2011, 12, 10, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The report of the first import.</summary>
    public IngestReport First { get; private set; } = null!;

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        Settings["Reach:Currency"] = "GBP";
        Settings["Reach:Segmentation:AsOf"] = AsOf.ToString("O");
        await base.InitializeAsync();
        First = await ImportAsync();
    }

    /// <summary>Uploads the file as a stream to <c>POST /api/ingest/orders?format=online-retail&amp;contacts=synthetic</c>.</summary>
    public async Task<IngestReport> ImportAsync()
    {
        using var client = CreateClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        await using var file = File.OpenRead(TestData.OnlineRetailCsv);
        using var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync("/api/ingest/orders?format=online-retail&contacts=synthetic", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return (await response.Content.ReadFromJsonAsync<IngestReport>())!;
    }
}
