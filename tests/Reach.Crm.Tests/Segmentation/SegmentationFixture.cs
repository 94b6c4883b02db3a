using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Reach.Crm.Segmentation;
using Reach.Crm.Segmentation.Dsl;
using Reach.Crm.Tests.Infrastructure;

namespace Reach.Crm.Tests.Segmentation;

/// <summary>The CRM with <see cref="SegmentTestData"/> ingested through the API and the reference time pinned.</summary>
public sealed class SegmentationFixture : CrmFactory
{
    public override async ValueTask InitializeAsync()
    {
        Settings["Reach:Segmentation:AsOf"] = SegmentTestData.AsOf.ToString("O");
        await base.InitializeAsync();
        using var client = CreateClient();
        foreach (var (path, csv) in new[] { ("/api/ingest/customers", SegmentTestData.CustomersCsv()), ("/api/ingest/orders", SegmentTestData.OrdersCsv()) })
        {
            using var content = new StringContent(csv, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            using var response = await client.PostAsync(path, content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            Assert.Contains("\"rejected\":0", body.Replace(" ", ""));
        }
    }

    /// <summary>External ids of the customers the definition selects, through the real compiler and PostgreSQL.</summary>
    public async Task<SortedSet<string>> MembersAsync(string definitionJson)
    {
        var filter = SegmentDefinitionParser.Parse(definitionJson);
        var compiled = Services.GetRequiredService<AudienceService>().Compile(filter);
        await using var conn = await OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT c.external_id FROM customers c WHERE {compiled.Sql}", conn);
        cmd.Parameters.AddRange(compiled.CloneParameters().ToArray());
        var result = new SortedSet<string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    /// <summary>What the independent oracle expects.</summary>
    public static SortedSet<string> Expected(string definitionJson)
    {
        using var doc = JsonDocument.Parse(definitionJson);
        return new SortedSet<string>(SegmentTestData.Customers
            .Where(c => SegmentOracle.Matches(doc.RootElement, c, SegmentTestData.AsOf)).Select(c => c.Id), StringComparer.Ordinal);
    }
}
