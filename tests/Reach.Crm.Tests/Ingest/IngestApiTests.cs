using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Reach.Crm.Ingest;
using Reach.Crm.Tests.Infrastructure;

namespace Reach.Crm.Tests.Ingest;

/// <summary>Ingest of Reach's own CSV/JSON formats through the API: good rows imported, bad rows reported with line, column and reason.</summary>
public sealed class IngestApiTests(CrmFactory crm) : IClassFixture<CrmFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, IngestReport? Report, string Body)> PostAsync(string path, byte[] body, string contentType)
    {
        using var client = crm.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.PostAsync(path, content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        IngestReport? report = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<IngestReport>(Ct) : null;
        return (response.StatusCode, report, text);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s.ReplaceLineEndings("\n"));

    private async Task SeedCustomersAsync(params string[] ids)
    {
        var csv = "external_id,name,email\n" + string.Join("\n", ids.Select(id => $"{id},Customer {id},{id.ToLowerInvariant()}@example.com"));
        var (status, _, body) = await PostAsync("/api/ingest/customers", Utf8(csv), "text/csv");
        Assert.True(status == HttpStatusCode.OK, body);
    }

    [Fact]
    public async Task Bad_order_rows_are_reported_and_every_good_row_imported()
    {
        await SeedCustomersAsync("B-1", "B-2", "B-3");
        var latin1 = Encoding.Latin1.GetBytes("BO-6,B-3,2024-03-01T10:00:00Z,SKU-9,Cr\u00e8me br\u00fbl\u00e9e,1,5.00\n");
        var head = Utf8("""
            order_id,customer_id,ordered_at,sku,product_name,quantity,unit_price,colour
            BO-1,B-1,2024-03-01T10:00:00Z,SKU-1,Lantern,2,10.50,red
            ,B-1,2024-03-01T10:00:00Z,SKU-2,Mug,1,3.00,blue
            BO-2,B-2,not-a-date,SKU-1,Lantern,1,10.50,
            BO-3,B-2,2024-03-02T11:00:00Z,SKU-3,Teapot,1,-4.00,
            BO-4,B-1,2024-03-03T12:00:00Z,SKU-1,Lantern,1,10.50,
            BO-4,B-1,2024-03-03T12:00:00Z,SKU-2,Mug,2,oops,
            BO-5,B-2,2024-03-04T09:00:00Z,SKU-2,Mug,3,3.00,

            """);
        var (status, report, body) = await PostAsync("/api/ingest/orders", [.. head, .. latin1], "text/csv");
        Assert.True(status == HttpStatusCode.OK, body);
        var r = report!;

        // Good: BO-1 (1 line), BO-5 (1 line). Bad: missing id (line 3), bad date (4), negative price (5),
        // BO-4 held back whole (lines 6 and 7, the latter unparsable), wrong encoding (9).
        Assert.Equal(8, r.Rows.Read);
        Assert.Equal(2, r.Rows.Inserted);
        Assert.Equal(6, r.Rows.Rejected);
        Assert.Equal(2, r.Orders!.Inserted);
        Assert.Contains(r.Rejected, e => e.Line == 3 && e.Column == "order_id" && e.Reason.Contains("missing"));
        Assert.Contains(r.Rejected, e => e.Line == 4 && e.Column == "ordered_at" && e.Reason.Contains("not-a-date"));
        Assert.Contains(r.Rejected, e => e.Line == 5 && e.Column == "unit_price" && e.Reason.Contains("negative"));
        Assert.Contains(r.Rejected, e => e.Line == 7 && e.Column == "unit_price" && e.Reason.Contains("oops"));
        Assert.Contains(r.Rejected, e => e.Line == 6 && e.Reason.Contains("BO-4") && e.Reason.Contains("line 7"));
        Assert.Contains(r.Rejected, e => e.Line == 9 && e.Reason.Contains("UTF-8"));
        Assert.Contains(r.Warnings, w => w.Line == 1 && w.Column == "colour" && w.Reason.Contains("unknown column"));

        Assert.Equal(2L, await crm.ScalarAsync<long>("SELECT count(*) FROM orders WHERE external_id LIKE 'BO-%'"));
        Assert.Equal(0L, await crm.ScalarAsync<long>("SELECT count(*) FROM orders WHERE external_id = 'BO-4'"));
        Assert.Equal(21.00m, await crm.ScalarAsync<decimal>("SELECT total_spent FROM customers WHERE external_id = 'B-1'"));
        Assert.Equal(1, await crm.ScalarAsync<int>("SELECT order_count FROM customers WHERE external_id = 'B-2'"));
        Assert.Equal(0, await crm.ScalarAsync<int>("SELECT order_count FROM customers WHERE external_id = 'B-3'"));
    }

    [Fact]
    public async Task Orders_of_unknown_customers_are_rejected_and_a_cancellation_lowers_spend()
    {
        await SeedCustomersAsync("U-1");
        var csv = Utf8("""
            order_id,customer_id,ordered_at,status,sku,product_name,category,quantity,unit_price
            UO-1,U-1,2024-01-01T00:00:00Z,placed,SKU-L,Matte Lipstick,Lipstick,2,500
            UO-2,U-1,2024-01-05T00:00:00Z,cancelled,SKU-L,Matte Lipstick,Lipstick,-1,500
            UO-3,NOBODY,2024-01-05T00:00:00Z,placed,SKU-N,Nail Kit,Nails,1,500

            """);
        var (status, report, body) = await PostAsync("/api/ingest/orders", csv, "text/csv");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(1, report!.Rows.Rejected);
        Assert.Contains(report.Rejected, e => e.Line == 4 && e.Column == "customer_id" && e.Reason.Contains("NOBODY"));
        // The catalogue is grouped before the customers are checked; a rejected order still adds no product.
        Assert.Equal(1L, await crm.ScalarAsync<long>("SELECT count(*) FROM products WHERE sku = 'SKU-L'"));
        Assert.Equal(0L, await crm.ScalarAsync<long>("SELECT count(*) FROM products WHERE sku = 'SKU-N'"));
        Assert.Equal(500.00m, await crm.ScalarAsync<decimal>("SELECT total_spent FROM customers WHERE external_id = 'U-1'"));
        Assert.Equal(1, await crm.ScalarAsync<int>("SELECT order_count FROM customers WHERE external_id = 'U-1'"));
        Assert.Equal("lipstick", await crm.ScalarAsync<string>("SELECT categories[1] FROM customers WHERE external_id = 'U-1'"));

        // Changing one order updates it and only it.
        var changed = Utf8("""
            order_id,customer_id,ordered_at,status,sku,product_name,category,quantity,unit_price
            UO-1,U-1,2024-01-01T00:00:00Z,placed,SKU-L,Matte Lipstick,Lipstick,3,500
            UO-2,U-1,2024-01-05T00:00:00Z,cancelled,SKU-L,Matte Lipstick,Lipstick,-1,500

            """);
        (status, report, body) = await PostAsync("/api/ingest/orders", changed, "text/csv");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(new EntityCounts(0, 1, 1), report!.Orders);
        Assert.Equal(1000.00m, await crm.ScalarAsync<decimal>("SELECT total_spent FROM customers WHERE external_id = 'U-1'"));
    }

    [Fact]
    public async Task Customers_upsert_by_id_or_email_and_report_conflicts()
    {
        var csv = Utf8("""
            external_id,name,first_name,email,phone,city,gender,tags,whatsapp_opt_in_at
            C-1,Asha Rao,Asha,ASHA@example.com,+919811111111,Pune,female,vip;new,2024-01-01T00:00:00Z
            C-2,Dev Nair,Dev,dev@example.com,12345,Delhi,male,,
            C-3,Zoya Khan,Zoya,asha@example.com,,Mumbai,robot,,
            ,Mail Only,,mail.only@example.com,,Surat,,,

            """);
        var (status, report, body) = await PostAsync("/api/ingest/customers", csv, "text/csv");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(2, report!.Rows.Inserted);
        Assert.Equal(2, report.Rows.Rejected);
        Assert.Contains(report.Rejected, e => e.Line == 3 && e.Column == "phone");
        Assert.Contains(report.Rejected, e => e.Line == 4 && e.Column == "gender" && e.Reason.Contains("allowed: female, male, other"));
        Assert.Equal("asha@example.com", await crm.ScalarAsync<string>("SELECT email FROM customers WHERE external_id = 'C-1'"));

        // JSON, same customers: C-1 unchanged, the e-mail-only customer updated by e-mail, a duplicate e-mail rejected.
        var json = Utf8("""
            [ { "external_id": "C-1", "name": "Asha Rao", "email": "asha@example.com" },
              { "email": "mail.only@example.com", "city": "Jaipur" },
              { "external_id": "C-9", "email": "asha@example.com", "nickname": "x" } ]
            """);
        (status, report, body) = await PostAsync("/api/ingest/customers", json, "application/json");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(new RowCounts(3, 0, 1, 1, 1, 0), report!.Rows);
        Assert.Contains(report.Rejected, e => e.Line == 3 && e.Column == "email" && e.Reason.Contains("C-1"));
        Assert.Contains(report.Warnings, w => w.Column == "nickname");
        Assert.Equal("Jaipur", await crm.ScalarAsync<string>("SELECT city FROM customers WHERE email = 'mail.only@example.com'"));
        Assert.Equal("Pune", await crm.ScalarAsync<string>("SELECT city FROM customers WHERE external_id = 'C-1'"));
    }

    [Fact]
    public async Task Unreadable_inputs_get_400_with_the_reason_and_change_nothing()
    {
        var before = await crm.ScalarAsync<long>("SELECT count(*) FROM customers");
        var (status, _, body) = await PostAsync("/api/ingest/orders", Utf8("order_id,sku\nX,Y\n"), "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("customer_id", body);

        (status, _, body) = await PostAsync("/api/ingest/customers", Utf8("""[ { "external_id": "J-1" }, { "external_id": """), "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("malformed", body);

        (status, _, body) = await PostAsync("/api/ingest/customers", Utf8("<xml/>"), "application/xml");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal(before, await crm.ScalarAsync<long>("SELECT count(*) FROM customers"));
    }

    [Fact]
    public async Task Health_reports_ready_when_the_database_is_migrated()
    {
        using var client = crm.CreateClient();
        var health = await client.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var alive = await client.GetAsync("/alive", Ct);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
