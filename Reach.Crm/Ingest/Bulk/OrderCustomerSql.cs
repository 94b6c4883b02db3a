namespace Reach.Crm.Ingest.Bulk;

/// <summary>
/// Stages customers derived from order lines (Online Retail has customers only through their invoices): the
/// id, the most frequent country and the first order as signup; optionally a synthetic contact overlay.
/// </summary>
internal static class OrderCustomerSql
{
    /// <summary>One row per customer: first line, first order, and the country most of its lines give (hash aggregates, no sort of all lines).</summary>
    private const string ByCustomer = """
        SELECT DISTINCT ON (customer_ext) customer_ext, customer_country AS country,
               min(first_line) OVER (PARTITION BY customer_ext) AS line_no, min(first_at) OVER (PARTITION BY customer_ext) AS first_at
        FROM (SELECT customer_ext, customer_country, count(*) AS n, min(line_no) AS first_line, min(ordered_at) AS first_at
              FROM stage_lines GROUP BY customer_ext, customer_country) c
        ORDER BY customer_ext, n DESC, customer_country
        """;

    public static readonly string Plain = """
        INSERT INTO stage_customers (line_no, external_id, country, created_at, tags, is_synthetic)
        SELECT line_no, customer_ext, country, first_at, '{}', false
        FROM ({ByCustomer}) g
        """.Replace("{ByCustomer}", ByCustomer);

    /// <summary>
    /// The synthetic contact overlay: <c>customer-&lt;id&gt;@example.invalid</c> (RFC 2606's reserved domain),
    /// phone <c>+447700</c> + the id (Ofcom's fictional 07700 range), and consent from an md5 of the id
    /// (e-mail 90%, SMS 60%, WhatsApp 50%, RCS 25%) opted in at the first order. Deterministic, labelled synthetic.
    /// </summary>
    public static readonly string WithSyntheticContacts = """
        INSERT INTO stage_customers (line_no, external_id, country, created_at, tags, is_synthetic, email, phone,
            email_opt_in_at, sms_opt_in_at, whatsapp_opt_in_at, rcs_opt_in_at)
        SELECT line_no, customer_ext, country, first_at, '{}', true,
               'customer-' || lower(customer_ext) || '@example.invalid',
               CASE WHEN customer_ext ~ '^[0-9]{1,6}$' THEN '+447700' || lpad(customer_ext, 6, '0') END,
               CASE WHEN h1 % 100 < 90 THEN first_at END,
               CASE WHEN h2 % 100 < 60 AND customer_ext ~ '^[0-9]{1,6}$' THEN first_at END,
               CASE WHEN h3 % 100 < 50 AND customer_ext ~ '^[0-9]{1,6}$' THEN first_at END,
               CASE WHEN h4 % 100 < 25 AND customer_ext ~ '^[0-9]{1,6}$' THEN first_at END
        FROM (
            SELECT g.*,
                   ('x' || substr(md5(customer_ext), 1, 7))::bit(28)::int AS h1,
                   ('x' || substr(md5(customer_ext), 8, 7))::bit(28)::int AS h2,
                   ('x' || substr(md5(customer_ext), 15, 7))::bit(28)::int AS h3,
                   ('x' || substr(md5(customer_ext), 22, 7))::bit(28)::int AS h4
            FROM ({ByCustomer}) g) h
        """.Replace("{ByCustomer}", ByCustomer);
}
