using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Reach.Crm.Infrastructure.Migrations
{
    /// <summary>
    /// <c>segment_facts</c>: one narrow row per customer holding exactly what the filter DSL reads (ARCHITECTURE §5) —
    /// lower-cased city, country and gender, tags, signup, first and last order, order count, total spent, average order
    /// value, categories and products bought, and per-channel consent and reachability as bits (whatsapp 1, sms 2,
    /// email 4, rcs 8; the rules of <c>ChannelSql</c>). Audience counts scan it instead of the wide customers row
    /// (~200 B instead of ~600 B per customer). It is derived from <c>customers</c> only, through the view
    /// <c>segment_facts_source</c>, and kept equal to it in the writing statement's transaction by statement-level triggers
    /// (transition tables: one set-based upsert per statement, none per row); a bulk load may suspend them and rebuild the
    /// table instead (<c>CustomerRewrite</c>). The segmentation indexes move from the customers to the facts: nothing
    /// filters customers by those columns any more, and every change of a customer's profile paid for them.
    /// </summary>
    public partial class SegmentFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var index in new[] { "categories", "created_at", "first_order_at", "last_order_at", "order_count", "product_ids", "tags", "total_spent", "lower_city", "lower_country" })
            {
                migrationBuilder.Sql($"DROP INDEX IF EXISTS ix_customers_{index};");
            }

            migrationBuilder.Sql("""
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
                       (CASE WHEN (c.whatsapp_opt_in_at IS NOT NULL AND (c.whatsapp_opt_out_at IS NULL OR c.whatsapp_opt_out_at < c.whatsapp_opt_in_at)) THEN 1 ELSE 0 END
                       | CASE WHEN (c.sms_opt_in_at IS NOT NULL AND (c.sms_opt_out_at IS NULL OR c.sms_opt_out_at < c.sms_opt_in_at)) THEN 2 ELSE 0 END
                       | CASE WHEN (c.email_opt_in_at IS NOT NULL AND (c.email_opt_out_at IS NULL OR c.email_opt_out_at < c.email_opt_in_at)) THEN 4 ELSE 0 END
                       | CASE WHEN (c.rcs_opt_in_at IS NOT NULL AND (c.rcs_opt_out_at IS NULL OR c.rcs_opt_out_at < c.rcs_opt_in_at)) THEN 8 ELSE 0 END)::smallint AS consented,
                       (CASE WHEN (c.whatsapp_opt_in_at IS NOT NULL AND (c.whatsapp_opt_out_at IS NULL OR c.whatsapp_opt_out_at < c.whatsapp_opt_in_at)) AND c.phone IS NOT NULL THEN 1 ELSE 0 END
                       | CASE WHEN (c.sms_opt_in_at IS NOT NULL AND (c.sms_opt_out_at IS NULL OR c.sms_opt_out_at < c.sms_opt_in_at)) AND c.phone IS NOT NULL THEN 2 ELSE 0 END
                       | CASE WHEN (c.email_opt_in_at IS NOT NULL AND (c.email_opt_out_at IS NULL OR c.email_opt_out_at < c.email_opt_in_at)) AND c.email IS NOT NULL THEN 4 ELSE 0 END
                       | CASE WHEN (c.rcs_opt_in_at IS NOT NULL AND (c.rcs_opt_out_at IS NULL OR c.rcs_opt_out_at < c.rcs_opt_in_at)) AND c.phone IS NOT NULL THEN 8 ELSE 0 END)::smallint AS reachable,
                       c.total_spent, c.avg_order_value, lower(c.city) AS city, lower(c.country) AS country, lower(c.gender) AS gender,
                       c.categories, c.product_ids, c.tags
                FROM customers c;

                CREATE FUNCTION segment_facts_upsert() RETURNS trigger LANGUAGE plpgsql AS $$
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

                CREATE FUNCTION segment_facts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM segment_facts f USING removed_customers o WHERE f.customer_id = o.id;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION segment_facts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    TRUNCATE segment_facts;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER segment_facts_on_insert AFTER INSERT ON customers
                    REFERENCING NEW TABLE AS changed_customers FOR EACH STATEMENT EXECUTE FUNCTION segment_facts_upsert();
                CREATE TRIGGER segment_facts_on_update AFTER UPDATE ON customers
                    REFERENCING NEW TABLE AS changed_customers FOR EACH STATEMENT EXECUTE FUNCTION segment_facts_upsert();
                CREATE TRIGGER segment_facts_on_delete AFTER DELETE ON customers
                    REFERENCING OLD TABLE AS removed_customers FOR EACH STATEMENT EXECUTE FUNCTION segment_facts_delete();
                CREATE TRIGGER segment_facts_on_truncate AFTER TRUNCATE ON customers
                    FOR EACH STATEMENT EXECUTE FUNCTION segment_facts_truncate();

                INSERT INTO segment_facts SELECT * FROM segment_facts_source;

                -- For selective audiences (a city, a product, a recent date): a bitmap scan instead of reading every fact.
                CREATE INDEX ix_segment_facts_last_order_at ON segment_facts (last_order_at);
                CREATE INDEX ix_segment_facts_first_order_at ON segment_facts (first_order_at);
                CREATE INDEX ix_segment_facts_created_at ON segment_facts (created_at);
                CREATE INDEX ix_segment_facts_order_count ON segment_facts (order_count);
                CREATE INDEX ix_segment_facts_total_spent ON segment_facts (total_spent);
                CREATE INDEX ix_segment_facts_city ON segment_facts (city);
                CREATE INDEX ix_segment_facts_country ON segment_facts (country);
                CREATE INDEX ix_segment_facts_categories ON segment_facts USING gin (categories);
                CREATE INDEX ix_segment_facts_product_ids ON segment_facts USING gin (product_ids);
                CREATE INDEX ix_segment_facts_tags ON segment_facts USING gin (tags);
                ANALYZE segment_facts;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER segment_facts_on_insert ON customers;
                DROP TRIGGER segment_facts_on_update ON customers;
                DROP TRIGGER segment_facts_on_delete ON customers;
                DROP TRIGGER segment_facts_on_truncate ON customers;
                DROP FUNCTION segment_facts_upsert();
                DROP FUNCTION segment_facts_delete();
                DROP FUNCTION segment_facts_truncate();
                DROP VIEW segment_facts_source;
                DROP TABLE segment_facts;
                CREATE INDEX ix_customers_lower_city ON customers (lower(city));
                CREATE INDEX ix_customers_lower_country ON customers (lower(country));
                CREATE INDEX ix_customers_categories ON customers USING gin (categories);
                CREATE INDEX ix_customers_product_ids ON customers USING gin (product_ids);
                CREATE INDEX ix_customers_tags ON customers USING gin (tags);
                CREATE INDEX ix_customers_created_at ON customers (created_at);
                CREATE INDEX ix_customers_first_order_at ON customers (first_order_at);
                CREATE INDEX ix_customers_last_order_at ON customers (last_order_at);
                CREATE INDEX ix_customers_order_count ON customers (order_count);
                CREATE INDEX ix_customers_total_spent ON customers (total_spent);
                """);
        }
    }
}
