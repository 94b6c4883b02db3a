using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Reach.Crm.Campaigns;

namespace Reach.Crm.Customers;

/// <summary>
/// Reads customers for people: search with keyset paging (<c>id &gt; after</c>, so page N costs what page 1 does at a
/// million customers), one customer's detail, and the home page's KPIs — set-based SQL over indexed columns.
/// </summary>
/// <param name="dataSource">PostgreSQL.</param>
/// <param name="options">The store currency.</param>
public sealed class CustomerDirectory(NpgsqlDataSource dataSource, IOptions<ReachOptions> options)
{
    private const string Columns = "id, external_id, name, email, phone, city, country, order_count, total_spent, last_order_at, is_synthetic";

    /// <summary>
    /// Customers after <paramref name="after"/> by id. With <paramref name="query"/>: an exact external id, e-mail or
    /// phone, or (3+ characters) a part of the name or e-mail, served by the trigram indexes.
    /// </summary>
    public async Task<CustomerPage> SearchAsync(string? query, long after, int limit, CancellationToken ct)
    {
        query = query?.Trim();
        var filter = string.IsNullOrEmpty(query) ? "TRUE"
            : query.Length >= 3 ? "(name ILIKE @pattern OR email ILIKE @pattern OR external_id = @q OR phone = @q)"
            : "(external_id = @q OR phone = @q OR lower(email) = lower(@q))";
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM customers WHERE id > @after AND {filter} ORDER BY id LIMIT @limit");
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("limit", limit + 1);
        command.Parameters.AddWithValue("q", NpgsqlDbType.Text, (object?)query ?? DBNull.Value);
        command.Parameters.AddWithValue("pattern", NpgsqlDbType.Text, query is null ? DBNull.Value : "%" + Escape(query) + "%");
        var items = new List<CustomerListItem>(limit + 1);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(ReadItem(reader, 0));
        }

        var more = items.Count > limit;
        if (more)
        {
            items.RemoveAt(limit);
        }

        return new CustomerPage(items, more ? items[^1].Id : null);
    }

    /// <summary>One customer with their 20 latest orders and 20 latest messages; null when there is none.</summary>
    public async Task<CustomerDetail?> GetAsync(long id, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"""
            SELECT {Columns}, gender, tags, categories, last_item, avg_order_value, first_order_at, k.last_contacted_at, created_at,
                   email_opt_in_at IS NOT NULL AND email_opt_out_at IS NULL AND email IS NOT NULL,
                   sms_opt_in_at IS NOT NULL AND sms_opt_out_at IS NULL AND phone IS NOT NULL,
                   whatsapp_opt_in_at IS NOT NULL AND whatsapp_opt_out_at IS NULL AND phone IS NOT NULL,
                   rcs_opt_in_at IS NOT NULL AND rcs_opt_out_at IS NULL AND phone IS NOT NULL
            FROM customers LEFT JOIN customer_contacts k ON k.customer_id = customers.id WHERE id = @id
            """, id));
        batch.BatchCommands.Add(Command("""
            SELECT id, external_id, ordered_at, total, currency, status, line_count
            FROM orders WHERE customer_id = @id ORDER BY ordered_at DESC LIMIT 20
            """, id));
        batch.BatchCommands.Add(Command("""
            SELECT m.id, m.campaign_id, c.name, m.channel, m.stage, m.failed_at IS NOT NULL AND m.delivered_at IS NULL,
                   m.queued_at, m.delivered_at, m.converted_at, m.conversion_value
            FROM communications m JOIN campaigns c ON c.id = m.campaign_id
            WHERE m.customer_id = @id ORDER BY m.id DESC LIMIT 20
            """, id));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var item = ReadItem(reader, 0);
        var consent = new List<string>();
        string[] channels = ["email", "sms", "whatsapp", "rcs"];
        for (var i = 0; i < channels.Length; i++)
        {
            if (reader.GetBoolean(19 + i))
            {
                consent.Add(channels[i]);
            }
        }

        var gender = reader.IsDBNull(11) ? null : reader.GetString(11);
        var tags = reader.GetFieldValue<string[]>(12);
        var categories = reader.GetFieldValue<string[]>(13);
        var lastItem = reader.IsDBNull(14) ? null : reader.GetString(14);
        var avg = reader.GetDecimal(15);
        var first = reader.IsDBNull(16) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(16);
        var contacted = reader.IsDBNull(17) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(17);
        var created = reader.GetFieldValue<DateTimeOffset>(18);

        await reader.NextResultAsync(ct);
        var orders = new List<CustomerOrder>();
        while (await reader.ReadAsync(ct))
        {
            orders.Add(new CustomerOrder(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetDecimal(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt32(6)));
        }

        await reader.NextResultAsync(ct);
        var messages = new List<CustomerMessage>();
        while (await reader.ReadAsync(ct))
        {
            messages.Add(new CustomerMessage(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                CommunicationStage.Name(reader.GetInt16(4)), reader.GetBoolean(5), reader.GetFieldValue<DateTimeOffset>(6),
                Nullable(reader, 7), Nullable(reader, 8), reader.IsDBNull(9) ? null : reader.GetDecimal(9)));
        }

        return new CustomerDetail(item, gender, tags, categories, lastItem, avg, first, contacted, created, consent, orders, messages);
    }

    /// <summary>Customers, orders and revenue (one pass over the maintained per-customer metrics) and the campaigns' totals.</summary>
    public async Task<Kpis> KpisAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            WITH c AS (SELECT count(*) AS n, coalesce(sum(order_count), 0) AS orders, coalesce(sum(total_spent), 0) AS revenue FROM customers)
            SELECT (SELECT n FROM c), (SELECT orders FROM c), (SELECT revenue FROM c),
                   (SELECT count(*) FROM campaigns WHERE launched_at IS NOT NULL),
                   coalesce(sum(f.delivered), 0), coalesce(sum(f.converted), 0), coalesce(sum(f.revenue), 0)
            FROM campaign_funnels f
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Kpis(reader.GetInt64(0), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), reader.GetDecimal(2),
            reader.GetInt64(3), Convert.ToInt64(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture), reader.GetDecimal(6), options.Value.Currency);
    }

    private static NpgsqlBatchCommand Command(string sql, long id)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("id", id);
        return command;
    }

    private static CustomerListItem ReadItem(NpgsqlDataReader r, int o) => new(
        r.GetInt64(o), Text(r, o + 1), Text(r, o + 2), Text(r, o + 3), Text(r, o + 4), Text(r, o + 5), Text(r, o + 6),
        r.GetInt32(o + 7), r.GetDecimal(o + 8), Nullable(r, o + 9), r.GetBoolean(o + 10));

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? Nullable(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    private static string Escape(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
