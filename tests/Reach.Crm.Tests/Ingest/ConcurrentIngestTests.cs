using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Reach.Crm.Ingest;
using Reach.Crm.Tests.Infrastructure;

namespace Reach.Crm.Tests.Ingest;

/// <summary>
/// Uploads stream into their own staging tables side by side and merge one at a time (Bulk/IngestRun's lock): uploads
/// of the same new customers at once all succeed, and each customer is inserted exactly once.
/// </summary>
public sealed class ConcurrentIngestTests(CrmFactory crm) : IClassFixture<CrmFactory>
{
    private const int Customers = 300;
    private const int Uploads = 4;

    [Fact]
    public async Task Concurrent_uploads_of_the_same_new_customers_insert_each_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var responses = await Task.WhenAll(Enumerable.Range(0, Uploads).Select(async u =>
        {
            var csv = new StringBuilder("external_id,email,name,city\n");
            for (var c = 0; c < Customers; c++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"CC-{c},cc-{c}@example.com,Customer {c},City {u}\n");
            }

            using var client = crm.CreateClient();
            using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
            using var response = await client.PostAsync("/api/ingest/customers", content, ct);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
            return (await response.Content.ReadFromJsonAsync<IngestReport>(ct))!;
        }));

        Assert.Equal(Customers, responses.Sum(r => r.Customers.Inserted));
        Assert.All(responses, r => Assert.Equal(0, r.Rows.Rejected));
        Assert.Equal((long)Customers, await crm.ScalarAsync<long>("SELECT count(*) FROM customers WHERE external_id LIKE 'CC-%'"));
        // Every upload after the first found the customers and updated their city, so one upload's city is on all of them.
        Assert.Equal(1L, await crm.ScalarAsync<long>("SELECT count(DISTINCT city) FROM customers WHERE external_id LIKE 'CC-%'"));
        Assert.Equal((long)Customers, await crm.ScalarAsync<long>("SELECT count(*) FROM segment_facts f JOIN customers c ON c.id = f.customer_id WHERE c.external_id LIKE 'CC-%'"));
    }
}
