namespace Reach.Crm.Ingest.Formats;

/// <summary>
/// Reach's order format, one row per order line (CSV columns or JSON properties, snake_case):
/// <c>order_id, customer_id, ordered_at, currency, status, sku, product_name, category, quantity, unit_price</c>.
/// <c>status</c> is <c>placed</c> (default) or <c>cancelled</c>; a cancellation carries negative quantities.
/// <c>currency</c> defaults to the store currency (<c>Reach:Currency</c>).
/// </summary>
public static class OrderFormat
{
    /// <summary>Every column the format knows.</summary>
    public static readonly IReadOnlyCollection<string> Columns = new HashSet<string>(StringComparer.Ordinal)
    {
        "order_id", "customer_id", "ordered_at", "currency", "status", "sku", "product_name", "category", "quantity", "unit_price",
    };

    /// <summary>Columns a CSV header must have.</summary>
    public static readonly IReadOnlyCollection<string> Required = ["order_id", "customer_id", "ordered_at", "sku", "quantity", "unit_price"];

    /// <summary>Maps one row.</summary>
    public static ParsedRow<OrderLineRecord> Map(IFieldSource source, string defaultCurrency)
    {
        var r = new FieldReader(source);
        r.CheckEncoding();
        var orderId = r.Required("order_id", 200);
        var customerId = r.Required("customer_id", 200);
        var orderedAt = r.Time("ordered_at", required: true);
        var currency = (r.Text("currency", 3) ?? defaultCurrency).ToUpperInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetter))
        {
            r.Fail("currency", $"'{currency}' is not an ISO 4217 code such as INR or GBP");
        }

        var status = r.Text("status", 20)?.ToLowerInvariant() ?? "placed";
        if (status is not ("placed" or "cancelled"))
        {
            r.Fail("status", $"'{status}' is not allowed; allowed: placed, cancelled");
        }

        var sku = r.Required("sku", 100);
        var name = r.Text("product_name", 500) ?? sku;
        var category = r.Text("category", 100)?.ToLowerInvariant();
        var quantity = r.Integer("quantity", required: true);
        var price = r.Decimal("unit_price", required: true);
        var cancellation = status == "cancelled";
        CheckAmounts(r, cancellation, quantity, price, "quantity", "unit_price");

        if (!r.IsValid)
        {
            return ParsedRow<OrderLineRecord>.Bad(source.Line, r.Errors, orderId);
        }

        return ParsedRow<OrderLineRecord>.Ok(source.Line, new OrderLineRecord(
            orderId!, customerId!, orderedAt!.Value, currency, cancellation, sku!, name!, category, quantity!.Value, price!.Value));
    }

    /// <summary>
    /// The sign rules shared by every order format: a sale has a positive quantity, a cancellation a negative one,
    /// and a unit price is never negative (a negative amount is only a credit note's, expressed by its quantity).
    /// </summary>
    public static void CheckAmounts(FieldReader r, bool cancellation, int? quantity, decimal? price, string quantityColumn, string priceColumn)
    {
        if (price is < 0)
        {
            r.Fail(priceColumn, cancellation
                ? $"{price} is negative; a credit note takes a positive unit price and a negative quantity"
                : $"{price} is negative on a sale; only a cancellation (credit note) lowers the total, through a negative quantity");
        }

        if (price is >= 1_000_000m)
        {
            r.Fail(priceColumn, $"{price} is too large; a unit price must be below 1,000,000");
        }

        if (quantity is { } q)
        {
            if (q == 0)
            {
                r.Fail(quantityColumn, "is 0; a line must have a quantity");
            }
            else if (cancellation && q > 0)
            {
                r.Fail(quantityColumn, $"{q} is positive on a cancellation; a credit note takes negative quantities");
            }
            else if (!cancellation && q < 0)
            {
                r.Fail(quantityColumn, $"{q} is negative on a sale; mark the order as cancelled (a credit note) instead");
            }
        }
    }
}
