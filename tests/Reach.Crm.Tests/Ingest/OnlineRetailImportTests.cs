using Reach.Crm.Tests.Infrastructure;

namespace Reach.Crm.Tests.Ingest;

/// <summary>The facts of the real data set (shared/data/online-retail/README.md, issue "Foundation") after a full import.</summary>
[Collection("online-retail")]
public sealed class OnlineRetailImportTests(OnlineRetailFixture crm)
{
    [Fact]
    public void First_import_reads_every_row_and_rejects_none()
    {
        var r = crm.First;
        Assert.Equal(541_909, r.Rows.Read);
        Assert.Equal(135_080, r.Rows.Skipped); // guest checkouts: no CustomerID
        Assert.Equal(0, r.Rows.Rejected);
        Assert.Equal(406_829, r.Rows.Inserted);
        Assert.Equal(22_190, r.Orders!.Inserted);
        Assert.Equal(4_372, r.Customers.Inserted);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public async Task Customers_orders_and_lines_match_the_data_set()
    {
        Assert.Equal(4_372L, await crm.ScalarAsync<long>("SELECT count(*) FROM customers"));
        Assert.Equal(22_190L, await crm.ScalarAsync<long>("SELECT count(*) FROM orders"));
        Assert.Equal(3_654L, await crm.ScalarAsync<long>("SELECT count(*) FROM orders WHERE status = 'cancelled'"));
        Assert.Equal(18_536L, await crm.ScalarAsync<long>("SELECT sum(order_count) FROM customers"));
        Assert.Equal(406_829L, await crm.ScalarAsync<long>("SELECT count(*) FROM order_lines"));
        Assert.Equal(8_300_065.81m, await crm.ScalarAsync<decimal>("SELECT sum(total_spent) FROM customers"));
        Assert.Equal(33L, await crm.ScalarAsync<long>("SELECT count(*) FROM customers WHERE order_count = 0"));
    }

    [Fact]
    public async Task Customer_14646_is_the_top_spender()
    {
        await using var conn = await crm.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "SELECT total_spent, order_count, first_order_at, last_order_at, country, email, is_synthetic FROM customers WHERE external_id = '14646'", conn);
        await using var reader = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(279_489.02m, reader.GetDecimal(0));
        Assert.Equal(74, reader.GetInt32(1));
        Assert.Equal(new DateOnly(2010, 12, 20), DateOnly.FromDateTime(reader.GetFieldValue<DateTimeOffset>(2).UtcDateTime));
        Assert.Equal(new DateOnly(2011, 12, 8), DateOnly.FromDateTime(reader.GetFieldValue<DateTimeOffset>(3).UtcDateTime));
        Assert.Equal("Netherlands", reader.GetString(4));
        Assert.Equal("customer-14646@example.invalid", reader.GetString(5));
        Assert.True(reader.GetBoolean(6));
    }

    [Fact]
    public async Task Customer_12346_cancelled_the_one_order()
    {
        Assert.Equal(0.00m, await crm.ScalarAsync<decimal>("SELECT total_spent FROM customers WHERE external_id = '12346'"));
        Assert.Equal(1, await crm.ScalarAsync<int>("SELECT order_count FROM customers WHERE external_id = '12346'"));
    }

    [Fact]
    public async Task Products_and_metrics_are_maintained()
    {
        Assert.Equal(3_684L, await crm.ScalarAsync<long>("SELECT count(*) FROM products"));
        // Every customer with an order has a last item and bought products.
        Assert.Equal(0L, await crm.ScalarAsync<long>(
            "SELECT count(*) FROM customers WHERE order_count > 0 AND (last_item IS NULL OR cardinality(product_ids) = 0 OR last_order_at IS NULL)"));
        Assert.Equal(37L, await crm.ScalarAsync<long>("SELECT count(DISTINCT country) FROM customers")); // of the file's 38, Hong Kong has only guest checkouts
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        // The newest transaction id that wrote a row: unchanged when the import writes nothing.
        const string lastWriter = """
            SELECT greatest((SELECT max(xmin::text::bigint) FROM customers), (SELECT max(xmin::text::bigint) FROM orders),
                            (SELECT max(xmin::text::bigint) FROM order_lines), (SELECT max(xmin::text::bigint) FROM products))
            """;
        var before = await crm.ScalarAsync<long>("SELECT count(*) FROM order_lines");
        var writer = await crm.ScalarAsync<long>(lastWriter);
        var again = await crm.ImportAsync();
        Assert.Equal(0, again.Rows.Inserted);
        Assert.Equal(0, again.Rows.Updated);
        Assert.Equal(406_829, again.Rows.Unchanged);
        Assert.Equal(0, again.Rows.Rejected);
        Assert.Equal(22_190, again.Orders!.Unchanged);
        Assert.Equal(4_372, again.Customers.Unchanged);
        Assert.Equal(before, await crm.ScalarAsync<long>("SELECT count(*) FROM order_lines"));
        Assert.Equal(writer, await crm.ScalarAsync<long>(lastWriter));
    }
}
