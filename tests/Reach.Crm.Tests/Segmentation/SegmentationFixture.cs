using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Reach.Crm.Segmentation;
using Reach.Crm.Segmentation.Dsl;
using Reach.Crm.Tests.Infrastructure;

namespace Reach.Crm.Tests.Segmentation;

/// <summary>The CRM with <see cref="SegmentTestData"/> ingested through the API (last contacts inserted) and the reference time pinned.</summary>
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

        // Last contacts are written by dispatch, which no test here runs: they go straight into the table it writes.
        var contacted = SegmentTestData.Customers.Where(c => c.LastContactedAt is not null).ToList();
        await using var conn = await OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO customer_contacts (customer_id, last_contacted_at)
            SELECT c.id, t.at FROM unnest(@ids, @ats) AS t(external_id, at) JOIN customers c ON c.external_id = t.external_id
            """, conn);
        cmd.Parameters.AddWithValue("ids", contacted.Select(c => c.Id).ToArray());
        cmd.Parameters.AddWithValue("ats", contacted.Select(c => c.LastContactedAt!.Value.UtcDateTime).ToArray());
        Assert.Equal(contacted.Count, await cmd.ExecuteNonQueryAsync());
    }

    /// <summary>External ids of the customers the definition selects, through the real compiler and PostgreSQL.</summary>
    public async Task<SortedSet<string>> MembersAsync(string definitionJson)
    {
        var filter = SegmentDefinitionParser.Parse(definitionJson);
        var compiled = Services.GetRequiredService<AudienceService>().Compile(filter);
        await using var conn = await OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT c.external_id FROM {CompiledFilter.FromWithCustomers} WHERE {compiled.Sql}", conn);
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
