using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Reach.Crm.Ingest;
using Reach.Crm.Ingest.DemoData;
using Reach.Crm.Ingest.Formats;
using Reach.Crm.Security;

namespace Reach.Crm.Apis;

/// <summary>
/// <c>/api/ingest</c>: customers and orders as CSV (<c>text/csv</c>) or a JSON array (<c>application/json</c>),
/// streamed (up to <see cref="ReachOptions.IngestMaxBodyBytes"/>); the Online Retail CSV with <c>?format=online-retail</c>; the
/// demo generator. <c>admin</c> only.
/// </summary>
public static class IngestApi
{
    /// <summary>Maps the ingest endpoints.</summary>
    public static RouteGroupBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        var maxBody = app.ServiceProvider.GetRequiredService<IOptions<ReachOptions>>().Value.IngestMaxBodyBytes;
        var group = app.MapGroup("/api/ingest").WithTags("Ingest").RequireAuthorization(ReachRoles.Admin).WithMetadata(new BodySizeLimit(maxBody));
        group.MapPost("/customers", ImportCustomers);
        group.MapPost("/orders", ImportOrders);
        group.MapPost("/demo", SeedDemo);
        return group;
    }

    /// <summary>Upserts customers. 200 with the <see cref="IngestReport"/>; 400 when the file as a whole can't be read; 415 for other content types.</summary>
    public static async Task<Results<Ok<IngestReport>, ProblemHttpResult>> ImportCustomers(
        HttpContext http, IngestService ingest, IOptions<ReachOptions> options, CancellationToken ct)
    {
        AllowLargeBody(http, options.Value);
        return await Run(http, () =>
        {
            var source = IsJson(http.Request) ? IngestSources.CustomersJson(http.Request.Body, ct) : IngestSources.CustomersCsv(http.Request.Body, ct);
            return ingest.ImportCustomersAsync(source, ct);
        });
    }

    /// <summary>
    /// Upserts orders, one row per order line. <c>format=online-retail</c> reads the UCI Online Retail CSV and creates
    /// its customers; <c>contacts=synthetic</c> adds the deterministic synthetic contact overlay to them.
    /// </summary>
    public static async Task<Results<Ok<IngestReport>, ProblemHttpResult>> ImportOrders(
        HttpContext http, IngestService ingest, IOptions<ReachOptions> options, string? format, string? contacts, CancellationToken ct)
    {
        AllowLargeBody(http, options.Value);
        if (format is not (null or "reach" or OnlineRetailFormat.Name))
        {
            return TypedResults.Problem($"format '{format}' is not known; allowed: reach (default), {OnlineRetailFormat.Name}", statusCode: 400, title: "Unknown format");
        }

        if (contacts is not (null or "none" or "synthetic"))
        {
            return TypedResults.Problem($"contacts '{contacts}' is not known; allowed: none (default), synthetic", statusCode: 400, title: "Unknown contacts option");
        }

        return await Run(http, () =>
        {
            if (format == OnlineRetailFormat.Name)
            {
                return ingest.ImportOrdersAsync(IngestSources.OnlineRetailCsv(http.Request.Body, ct),
                    contacts == "synthetic" ? OrderCustomers.CreateWithSyntheticContacts : OrderCustomers.Create, ct);
            }

            var currency = options.Value.Currency;
            var source = IsJson(http.Request) ? IngestSources.OrdersJson(http.Request.Body, currency, ct) : IngestSources.OrdersCsv(http.Request.Body, currency, ct);
            return ingest.ImportOrdersAsync(source, OrderCustomers.MustExist, ct);
        });
    }

    /// <summary>
    /// Generates the demo brand's data: <c>customers</c> 1 … 1,000,000 (default 1,000), <c>seed</c> (default 42),
    /// <c>asOf</c> the reference time the data is generated relative to (default now). The same three give the same data.
    /// </summary>
    public static async Task<Results<Ok<IngestReport[]>, ProblemHttpResult>> SeedDemo(DemoDataSeeder seeder, int? customers, int? seed, DateTimeOffset? asOf, CancellationToken ct)
    {
        var size = customers ?? 1000;
        if (size is < 1 or > 1_000_000)
        {
            return TypedResults.Problem($"customers is {size}; allowed: 1 to 1,000,000", statusCode: 400, title: "Invalid size");
        }

        var (c, o) = await seeder.SeedAsync(new DemoDataOptions(size, seed ?? 42, asOf), ct);
        return TypedResults.Ok(new[] { c, o });
    }

    private static async Task<Results<Ok<IngestReport>, ProblemHttpResult>> Run(HttpContext http, Func<Task<IngestReport>> import)
    {
        var type = http.Request.ContentType ?? "";
        if (!IsJson(http.Request) && !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
            && !type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase) && type.Length > 0)
        {
            return TypedResults.Problem($"content type '{type}' is not supported; send text/csv or application/json", statusCode: 415, title: "Unsupported content type");
        }

        try
        {
            return TypedResults.Ok(await import());
        }
        catch (IngestFormatException e)
        {
            return TypedResults.Problem(e.Message, statusCode: 400, title: "The file cannot be read",
                extensions: new Dictionary<string, object?> { ["line"] = e.Line, ["column"] = e.Column });
        }
        catch (JsonException e)
        {
            return TypedResults.Problem($"the JSON body is malformed at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}",
                statusCode: 400, title: "Malformed JSON", extensions: new Dictionary<string, object?> { ["line"] = e.LineNumber + 1 });
        }
    }

    private static bool IsJson(HttpRequest request) =>
        request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    private static void AllowLargeBody(HttpContext http, ReachOptions options)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = options.IngestMaxBodyBytes;
        }
    }
}
