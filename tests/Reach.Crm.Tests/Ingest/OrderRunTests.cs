using System.Globalization;
using System.Text;
using System.Text.Json;
using Reach.Crm.Tests.Infrastructure;

namespace Reach.Crm.Tests.Ingest;

/// <summary>
/// A file whose orders come in ascending id order is merged without grouping its runs (each run is a whole order);
/// any other file groups them. Both must store the same orders: a file imported one way and then the same lines the
/// other way finds every order unchanged, and the sums stored are the file's.
/// </summary>
public sealed class OrderRunTests(CrmFactory crm) : IClassFixture<CrmFactory>
{
    private const int Orders = 60;

    [Theory]
    [InlineData("OA", true)]
    [InlineData("OB", false)]
    public async Task Ascending_and_unordered_files_of_the_same_lines_store_the_same_orders(string prefix, bool ascendingFirst)
    {
        var ct = TestContext.Current.CancellationToken;
        var customers = new StringBuilder("external_id,email,name\n");
        for (var c = 1; c <= 4; c++)
        {
            customers.Append(CultureInfo.InvariantCulture, $"{prefix}-C{c},{prefix.ToLowerInvariant()}-c{c}@example.com,Customer {c}\n");
        }

        var ascending = Lines(prefix);
        // The same orders, each still one run of lines, but not in id order: 2, 1, 4, 3, …
        var unordered = ascending.GroupBy(l => l.Order).Select(g => g.ToList()).Chunk(2).SelectMany(pair => pair.Reverse()).SelectMany(o => o).ToList();
        Assert.NotEqual(ascending.Select(l => l.Order), unordered.Select(l => l.Order));

        var first = await OrderFileUpload.PostAsync(crm, customers.ToString(), Csv(ascendingFirst ? ascending : unordered), ct);
        Assert.Equal(Orders, Report(first).GetProperty("orders").GetProperty("inserted").GetInt32());

        var second = await OrderFileUpload.PostAsync(crm, customers.ToString(), Csv(ascendingFirst ? unordered : ascending), ct);
        var orders = Report(second).GetProperty("orders");
        Assert.Equal(Orders, orders.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, orders.GetProperty("inserted").GetInt32());
        Assert.Equal(0, orders.GetProperty("updated").GetInt32());

        // What is stored is the file's: per order its total, line count and lines in file order.
        var expected = string.Join(";", ascending.GroupBy(l => l.Order).Select(g =>
            $"{g.Key}|{g.Sum(l => l.Quantity * l.UnitPrice).ToString("0.00", CultureInfo.InvariantCulture)}|{g.Count()}|{string.Join(",", g.Select(l => l.Sku))}"));
        Assert.Equal(expected, await crm.ScalarAsync<string>("""
            SELECT string_agg(o.external_id || '|' || o.total || '|' || o.line_count || '|' ||
                   (SELECT string_agg(l.sku, ',' ORDER BY l.line_no) FROM order_lines l WHERE l.order_id = o.id), ';' ORDER BY o.external_id)
            FROM orders o WHERE o.external_id LIKE @p || '-O%'
            """, ("p", prefix)));
        Assert.Equal((long)Orders, await crm.ScalarAsync<long>("SELECT sum(order_count) FROM customers WHERE external_id LIKE @p || '-C%'", ("p", prefix)));
        // Every order has the same time: a customer's last item is the first line of the last of them by id.
        Assert.Equal(0L, await crm.ScalarAsync<long>("""
            SELECT count(*) FROM customers c
            JOIN (SELECT DISTINCT ON (o.customer_id) o.customer_id, l.product_name
                  FROM orders o JOIN order_lines l ON l.order_id = o.id AND l.line_no = 1
                  ORDER BY o.customer_id, o.ordered_at DESC, o.id DESC) last ON last.customer_id = c.id
            WHERE c.external_id LIKE @p || '-C%' AND c.last_item IS DISTINCT FROM last.product_name
            """, ("p", prefix)));
    }

    [Fact]
    public async Task The_last_item_is_the_latest_placed_order_not_the_highest_id_nor_a_cancellation()
    {
        var ct = TestContext.Current.CancellationToken;
        // Ascending ids (the path without grouping): LI-O2 has the higher id but is older; LI-O3 is newest but cancelled.
        const string orders = """
            order_id,customer_id,ordered_at,status,sku,product_name,quantity,unit_price,currency
            LI-O1,LI-C1,2026-05-03T10:00:00Z,placed,LI-A,Alpha,1,10.00,INR
            LI-O1,LI-C1,2026-05-03T10:00:00Z,placed,LI-B,Beta,1,10.00,INR
            LI-O2,LI-C1,2026-05-01T10:00:00Z,placed,LI-C,Gamma,1,10.00,INR
            LI-O3,LI-C1,2026-05-05T10:00:00Z,cancelled,LI-D,Delta,-1,10.00,INR
            """;
        await OrderFileUpload.PostAsync(crm, "external_id,email,name\nLI-C1,li-c1@example.com,Noor\n", orders, ct);

        Assert.Equal("Alpha|2|20.00", await crm.ScalarAsync<string>(
            "SELECT last_item || '|' || order_count || '|' || total_spent FROM customers WHERE external_id = 'LI-C1'"));
        Assert.Equal(new DateTime(2026, 5, 3, 10, 0, 0, DateTimeKind.Utc), await crm.ScalarAsync<DateTime>(
            "SELECT last_order_at FROM customers WHERE external_id = 'LI-C1'"));
    }

    [Fact]
    public async Task Staging_tells_whether_every_run_is_a_whole_order()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(await RunsAscendAsync(["A-1", "A-1", "A-2", "B-1"], ct));
        Assert.False(await RunsAscendAsync(["A-2", "A-1"], ct));
        Assert.False(await RunsAscendAsync(["A-1", "A-2", "A-1"], ct)); // A-1 in two runs
        Assert.True(await RunsAscendAsync(["A-1"], ct));
    }

    private async Task<bool> RunsAscendAsync(string[] orderIds, CancellationToken ct)
    {
        await using var conn = new Npgsql.NpgsqlConnection(crm.ConnectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var create = new Npgsql.NpgsqlCommand(Reach.Crm.Ingest.Bulk.OrderStaging.CreateSql, conn, tx))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var (_, _, runs, ascend) = await Reach.Crm.Ingest.Bulk.OrderStaging.CopyAsync(conn, Rows(orderIds), new Reach.Crm.Ingest.RejectionLog(), ct);
        Assert.Equal(orderIds.Where((id, i) => i == 0 || id != orderIds[i - 1]).Count(), (int)runs);
        return ascend;

        static async IAsyncEnumerable<Reach.Crm.Ingest.ParsedRow<Reach.Crm.Ingest.OrderLineRecord>> Rows(string[] ids)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                await Task.Yield();
                yield return Reach.Crm.Ingest.ParsedRow<Reach.Crm.Ingest.OrderLineRecord>.Ok(i + 2, new(ids[i], "C-1", DateTimeOffset.UnixEpoch, "INR", false, $"S-{i}", "Product", null, 1, 1m));
            }
        }
    }

    private static List<(string Order, string Customer, string Sku, int Quantity, decimal UnitPrice)> Lines(string prefix)
    {
        var lines = new List<(string, string, string, int, decimal)>();
        for (var o = 1; o <= Orders; o++)
        {
            for (var l = 1; l <= 1 + (o % 3); l++)
            {
                lines.Add(($"{prefix}-O{o:000}", $"{prefix}-C{1 + (o % 4)}", $"{prefix}-S{(o + l) % 7}", l, 10.25m * l + o));
            }
        }

        return lines;
    }

    private static string Csv(IEnumerable<(string Order, string Customer, string Sku, int Quantity, decimal UnitPrice)> lines)
    {
        var csv = new StringBuilder("order_id,customer_id,ordered_at,sku,product_name,quantity,unit_price,currency\n");
        foreach (var l in lines)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{l.Order},{l.Customer},2026-05-01T10:00:00Z,{l.Sku},Product {l.Sku},{l.Quantity},{l.UnitPrice},INR\n");
        }

        return csv.ToString();
    }

    private static JsonElement Report(string body) => JsonDocument.Parse(body).RootElement;
}
