using Npgsql;
using NpgsqlTypes;

namespace Reach.Crm.Ingest.Bulk;

/// <summary>The temporary table customer rows are <c>COPY</c>-ed into before one set-based merge.</summary>
internal static class CustomerStaging
{
    public const string CreateSql = """
        CREATE TEMP TABLE stage_customers (
            line_no bigint NOT NULL,
            external_id text, name text, first_name text, email text, phone text,
            city text, country text, gender text, tags text[] NOT NULL, created_at timestamptz,
            is_synthetic boolean NOT NULL,
            email_opt_in_at timestamptz, email_opt_out_at timestamptz,
            sms_opt_in_at timestamptz, sms_opt_out_at timestamptz,
            whatsapp_opt_in_at timestamptz, whatsapp_opt_out_at timestamptz,
            rcs_opt_in_at timestamptz, rcs_opt_out_at timestamptz
        ) ON COMMIT DROP
        """;

    private const string CopySql = """
        COPY stage_customers (line_no, external_id, name, first_name, email, phone, city, country, gender, tags, created_at,
            is_synthetic, email_opt_in_at, email_opt_out_at, sms_opt_in_at, sms_opt_out_at,
            whatsapp_opt_in_at, whatsapp_opt_out_at, rcs_opt_in_at, rcs_opt_out_at) FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>Streams accepted rows into the staging table; rejected rows go to <paramref name="rejections"/>.</summary>
    /// <returns>Rows read, rows skipped.</returns>
    public static async Task<(long Read, long Skipped)> CopyAsync(
        NpgsqlConnection conn, IAsyncEnumerable<ParsedRow<CustomerRecord>> rows, RejectionLog rejections, CancellationToken ct)
    {
        long read = 0, skipped = 0;
        await using var importer = await conn.BeginBinaryImportAsync(CopySql, ct);
        await foreach (var row in rows.WithCancellation(ct))
        {
            read++;
            if (row.Skipped)
            {
                skipped++;
                continue;
            }

            if (row.Value is not { } c)
            {
                rejections.Add(row.Errors);
                continue;
            }

            importer.StartRow();
            importer.Write(row.Line, NpgsqlDbType.Bigint);
            WriteText(importer, c.ExternalId);
            WriteText(importer, c.Name);
            WriteText(importer, c.FirstName);
            WriteText(importer, c.Email);
            WriteText(importer, c.Phone);
            WriteText(importer, c.City);
            WriteText(importer, c.Country);
            WriteText(importer, c.Gender);
            importer.Write(c.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text);
            WriteTime(importer, c.CreatedAt);
            importer.Write(c.IsSynthetic, NpgsqlDbType.Boolean);
            var k = c.Consent;
            WriteTime(importer, k.EmailOptInAt);
            WriteTime(importer, k.EmailOptOutAt);
            WriteTime(importer, k.SmsOptInAt);
            WriteTime(importer, k.SmsOptOutAt);
            WriteTime(importer, k.WhatsappOptInAt);
            WriteTime(importer, k.WhatsappOptOutAt);
            WriteTime(importer, k.RcsOptInAt);
            WriteTime(importer, k.RcsOptOutAt);
        }

        await importer.CompleteAsync(ct);
        return (read, skipped);
    }

    internal static void WriteText(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }

    internal static void WriteTime(NpgsqlBinaryImporter importer, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            importer.Write(v.UtcDateTime, NpgsqlDbType.TimestampTz);
        }
        else
        {
            importer.WriteNull();
        }
    }
}
