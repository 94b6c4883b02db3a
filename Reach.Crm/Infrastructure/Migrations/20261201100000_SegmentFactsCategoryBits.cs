using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reach.Crm.Infrastructure.Migrations
{
    /// <summary>
    /// Categories as bits in <c>segment_facts.category_bits</c>: <c>category in/not_in</c> tests one bigint instead of
    /// overlapping text arrays (measured on 300,000 demo customers, g01's count: 69 → 32 ms without parallel workers).
    /// <c>segment_category_bits</c> gives each category seen on a customer the next of 63 bits, for good (a bit never
    /// changes meaning); a customer with a category beyond them also has the sign bit, and the compiled filter falls
    /// back to the category array for such rows only, so a count is exact whatever the number of categories. The facts
    /// table is recreated with its fixed-width columns first (cheaper to read per row), money as whole minor units
    /// (<c>total_spent_minor</c>, <c>avg_order_value_minor</c>: integer comparisons), and rebuilt from the view.
    /// </summary>
    public partial class SegmentFactsCategoryBits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($$"""
                CREATE TABLE segment_category_bits (
                    category text PRIMARY KEY,
                    bit smallint NOT NULL UNIQUE CHECK (bit BETWEEN 0 AND 62));

                -- Gives each category in names not yet known the next free bit while any of the 63 is left. New categories are rare
                -- (a catalogue's), so most calls only look; writers of new ones take a transaction-level advisory lock so that two
                -- uploads never pick the same bit or wait on each other's rows in opposite order.
                CREATE FUNCTION segment_category_bits_assign(names text[]) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM unnest(names) AS u(category)
                                   WHERE u.category IS NOT NULL AND NOT EXISTS (SELECT 1 FROM segment_category_bits b WHERE b.category = u.category))
                       OR (SELECT count(*) FROM segment_category_bits) >= 63 THEN
                        RETURN;
                    END IF;
                    PERFORM pg_advisory_xact_lock(1590145397);
                    INSERT INTO segment_category_bits (category, bit)
                    SELECT category, bit FROM (
                        SELECT n.category, (SELECT coalesce(max(b.bit), -1) FROM segment_category_bits b) + row_number() OVER (ORDER BY n.category) AS bit
                        FROM (SELECT DISTINCT u.category FROM unnest(names) AS u(category)
                              WHERE u.category IS NOT NULL AND NOT EXISTS (SELECT 1 FROM segment_category_bits b WHERE b.category = u.category)) n) x
                    WHERE bit <= 62
                    ON CONFLICT DO NOTHING;
                END $$;

                DROP VIEW segment_facts_source;
                DROP TABLE segment_facts;
                CREATE TABLE segment_facts (
                    customer_id bigint PRIMARY KEY,
                    created_at timestamptz NOT NULL,
                    category_bits bigint NOT NULL,
                    total_spent_minor bigint NOT NULL,
                    avg_order_value_minor bigint NOT NULL,
                    order_count integer NOT NULL,
                    consented smallint NOT NULL,
                    reachable smallint NOT NULL,
                    first_order_at timestamptz,
                    last_order_at timestamptz,
                    city text,
                    country text,
                    gender text,
                    categories text[] NOT NULL,
                    product_ids integer[] NOT NULL,
                    tags text[] NOT NULL);

                CREATE VIEW segment_facts_source AS
                SELECT c.id AS customer_id, c.created_at,
                       (SELECT coalesce(bit_or(CASE WHEN p IS NULL THEN 1::bigint << 63 ELSE 1::bigint << d.bits[p] END), 0)
                        FROM unnest(c.categories) AS u(category), array_position(d.categories, u.category) AS p) AS category_bits,
                       (c.total_spent * 100)::bigint AS total_spent_minor, (c.avg_order_value * 100)::bigint AS avg_order_value_minor,
                       c.order_count,
                {{ConsentAndReachability}}
                       c.first_order_at, c.last_order_at,
                       lower(c.city) AS city, lower(c.country) AS country, lower(c.gender) AS gender, c.categories, c.product_ids, c.tags
                FROM customers c
                CROSS JOIN (SELECT array_agg(category ORDER BY bit) AS categories, array_agg(bit ORDER BY bit) AS bits FROM segment_category_bits) d;

                CREATE OR REPLACE FUNCTION segment_facts_upsert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM segment_category_bits_assign(ARRAY(SELECT DISTINCT u.category FROM changed_customers n, unnest(n.categories) AS u(category)));
                    INSERT INTO segment_facts
                    SELECT s.* FROM changed_customers n JOIN segment_facts_source s ON s.customer_id = n.id
                    ON CONFLICT (customer_id) DO UPDATE SET
                        created_at = excluded.created_at, category_bits = excluded.category_bits,
                        total_spent_minor = excluded.total_spent_minor, avg_order_value_minor = excluded.avg_order_value_minor,
                        order_count = excluded.order_count, consented = excluded.consented, reachable = excluded.reachable,
                        first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at, city = excluded.city, country = excluded.country, gender = excluded.gender, categories = excluded.categories,
                        product_ids = excluded.product_ids, tags = excluded.tags
                    WHERE (segment_facts.*) IS DISTINCT FROM (excluded.*);
                    RETURN NULL;
                END $$;

                SELECT segment_category_bits_assign(ARRAY(SELECT DISTINCT u.category FROM customers c, unnest(c.categories) AS u(category)));
                """ + Populate("total_spent_minor"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($$"""
                DROP VIEW segment_facts_source;
                DROP TABLE segment_facts;
                CREATE TABLE segment_facts (
                    customer_id bigint PRIMARY KEY,
                    created_at timestamptz NOT NULL,
                    first_order_at timestamptz,
                    last_order_at timestamptz,
                    order_count integer NOT NULL,
                    consented smallint NOT NULL,
                    reachable smallint NOT NULL,
                    total_spent numeric(12,2) NOT NULL,
                    avg_order_value numeric(12,2) NOT NULL,
                    city text,
                    country text,
                    gender text,
                    categories text[] NOT NULL,
                    product_ids integer[] NOT NULL,
                    tags text[] NOT NULL);

                CREATE VIEW segment_facts_source AS
                SELECT c.id AS customer_id, c.created_at, c.first_order_at, c.last_order_at, c.order_count,
                {{ConsentAndReachability}}
                       c.total_spent, c.avg_order_value, lower(c.city) AS city, lower(c.country) AS country, lower(c.gender) AS gender,
                       c.categories, c.product_ids, c.tags
                FROM customers c;

                CREATE OR REPLACE FUNCTION segment_facts_upsert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO segment_facts
                    SELECT s.* FROM changed_customers n JOIN segment_facts_source s ON s.customer_id = n.id
                    ON CONFLICT (customer_id) DO UPDATE SET
                        created_at = excluded.created_at, first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at,
                        order_count = excluded.order_count, consented = excluded.consented, reachable = excluded.reachable,
                        total_spent = excluded.total_spent, avg_order_value = excluded.avg_order_value, city = excluded.city,
                        country = excluded.country, gender = excluded.gender, categories = excluded.categories,
                        product_ids = excluded.product_ids, tags = excluded.tags
                    WHERE (segment_facts.*) IS DISTINCT FROM (excluded.*);
                    RETURN NULL;
                END $$;

                """ + Populate("total_spent") + """
                DROP FUNCTION segment_category_bits_assign(text[]);
                DROP TABLE segment_category_bits;
                """);
        }

        /// <summary>The view's consent and reachability bits (whatsapp 1, sms 2, email 4, rcs 8; the rules of <c>ChannelSql</c>), the same before and after this migration.</summary>
        private const string ConsentAndReachability = """
                       (CASE WHEN (c.whatsapp_opt_in_at IS NOT NULL AND (c.whatsapp_opt_out_at IS NULL OR c.whatsapp_opt_out_at < c.whatsapp_opt_in_at)) THEN 1 ELSE 0 END
                       | CASE WHEN (c.sms_opt_in_at IS NOT NULL AND (c.sms_opt_out_at IS NULL OR c.sms_opt_out_at < c.sms_opt_in_at)) THEN 2 ELSE 0 END
                       | CASE WHEN (c.email_opt_in_at IS NOT NULL AND (c.email_opt_out_at IS NULL OR c.email_opt_out_at < c.email_opt_in_at)) THEN 4 ELSE 0 END
                       | CASE WHEN (c.rcs_opt_in_at IS NOT NULL AND (c.rcs_opt_out_at IS NULL OR c.rcs_opt_out_at < c.rcs_opt_in_at)) THEN 8 ELSE 0 END)::smallint AS consented,
                       (CASE WHEN (c.whatsapp_opt_in_at IS NOT NULL AND (c.whatsapp_opt_out_at IS NULL OR c.whatsapp_opt_out_at < c.whatsapp_opt_in_at)) AND c.phone IS NOT NULL THEN 1 ELSE 0 END
                       | CASE WHEN (c.sms_opt_in_at IS NOT NULL AND (c.sms_opt_out_at IS NULL OR c.sms_opt_out_at < c.sms_opt_in_at)) AND c.phone IS NOT NULL THEN 2 ELSE 0 END
                       | CASE WHEN (c.email_opt_in_at IS NOT NULL AND (c.email_opt_out_at IS NULL OR c.email_opt_out_at < c.email_opt_in_at)) AND c.email IS NOT NULL THEN 4 ELSE 0 END
                       | CASE WHEN (c.rcs_opt_in_at IS NOT NULL AND (c.rcs_opt_out_at IS NULL OR c.rcs_opt_out_at < c.rcs_opt_in_at)) AND c.phone IS NOT NULL THEN 8 ELSE 0 END)::smallint AS reachable,
                """;

        /// <summary>Fills the facts from the view, then builds their indexes (money indexed by <paramref name="totalSpentColumn"/>).</summary>
        private static string Populate(string totalSpentColumn) => $"""

                INSERT INTO segment_facts SELECT * FROM segment_facts_source;

                -- For selective audiences (a city, a product, a recent date): a bitmap scan instead of reading every fact.
                CREATE INDEX ix_segment_facts_last_order_at ON segment_facts (last_order_at);
                CREATE INDEX ix_segment_facts_first_order_at ON segment_facts (first_order_at);
                CREATE INDEX ix_segment_facts_created_at ON segment_facts (created_at);
                CREATE INDEX ix_segment_facts_order_count ON segment_facts (order_count);
                CREATE INDEX ix_segment_facts_{totalSpentColumn} ON segment_facts ({totalSpentColumn});
                CREATE INDEX ix_segment_facts_city ON segment_facts (city);
                CREATE INDEX ix_segment_facts_country ON segment_facts (country);
                CREATE INDEX ix_segment_facts_categories ON segment_facts USING gin (categories);
                CREATE INDEX ix_segment_facts_product_ids ON segment_facts USING gin (product_ids);
                CREATE INDEX ix_segment_facts_tags ON segment_facts USING gin (tags);
                ANALYZE segment_facts;

                """;
    }
}
