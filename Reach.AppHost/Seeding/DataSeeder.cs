using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reach.AppHost.Configuration;
using Reach.AppHost.Hosting;
using Reach.AppHost.Postgres;
using Reach.AppHost.Resources;

namespace Reach.AppHost.Seeding;

/// <summary>
/// Fills an empty CRM, signed in as its first admin, when <c>Reach:SeedDemoData</c> is on (the default): with the demo
/// brand's data (<c>POST {crm}/api/ingest/demo?customers=…&amp;seed=…</c>), or with <c>Reach:Dataset=online-retail</c>
/// the Online Retail file streamed to <c>POST {crm}/api/ingest/orders?format=online-retail&amp;contacts=synthetic</c>.
/// </summary>
public sealed class DataSeeder(PostgresDatabase database, RepositoryLayout repository, IHttpClientFactory httpClientFactory, IOptions<AppHostOptions> options, ILogger<DataSeeder> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Seeds when the CRM is running and its database has no customers.</summary>
    /// <param name="crm">The CRM resource.</param>
    /// <param name="postgres">Its database.</param>
    /// <param name="adminPassword">The password of the CRM's admin (ingest needs the admin role).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The CRM's reports, or null when nothing was seeded.</returns>
    public async Task<IReadOnlyList<IngestReportSummary>?> SeedIfEmptyAsync(ProjectResource crm, PostgresResource postgres, string adminPassword, CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoData || crm.State != ResourceState.Running || postgres.ConnectionString is null)
        {
            return null;
        }

        try
        {
            if (await database.HasCustomersAsync(postgres.ConnectionString, cancellationToken))
            {
                logger.LogInformation("The database has customers; no data is loaded");
                return null;
            }

            var onlineRetail = Dataset.Validate(options.Value.Dataset) == Dataset.OnlineRetail;
            var file = options.Value.OnlineRetailFile ?? Dataset.DefaultOnlineRetailFile(repository);
            if (onlineRetail && !File.Exists(file))
            {
                logger.LogError("Reach:Dataset is online-retail but {File} does not exist; set Reach:OnlineRetailFile", file);
                return null;
            }

            var demo = options.Value.DemoData;
            var url = onlineRetail
                ? $"{crm.Url}/api/ingest/orders?format=online-retail&contacts=synthetic"
                : string.Create(CultureInfo.InvariantCulture, $"{crm.Url}/api/ingest/demo?customers={demo.Customers}&seed={demo.Seed}");
            logger.LogInformation("The database has no customers: loading {Dataset} data (POST {Url})", onlineRetail ? Dataset.OnlineRetail : Dataset.Demo, url);
            var client = httpClientFactory.CreateClient(nameof(DataSeeder));
            client.Timeout = TimeSpan.FromMinutes(30);
            using (var signIn = await client.PostAsJsonAsync($"{crm.Url}/api/auth/token",
                new { userName = ReachTopology.CrmAdminUserName, password = adminPassword }, cancellationToken))
            {
                if (!signIn.IsSuccessStatusCode)
                {
                    logger.LogError("Loading data failed: signing in as {User} answered {Status}", ReachTopology.CrmAdminUserName, (int)signIn.StatusCode);
                    return null;
                }

                var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).GetProperty("accessToken").GetString();
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            await using var upload = onlineRetail ? File.OpenRead(file) : null;
            using var body = upload is null ? null : new StreamContent(upload);
            if (body is not null)
            {
                body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            }

            using var response = await client.PostAsync(url, body, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogError("Loading data failed: {Status} {Body}", (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
                return null;
            }

            // The demo answers one report per kind (customers, orders); an upload answers one.
            var reports = onlineRetail
                ? [(await response.Content.ReadFromJsonAsync<IngestReportSummary>(Json, cancellationToken))!]
                : await response.Content.ReadFromJsonAsync<IngestReportSummary[]>(Json, cancellationToken) ?? [];
            foreach (var report in reports)
            {
                var entities = report.Orders ?? report.Customers;
                logger.LogInformation(
                    "Seeded {Kind}: {Read:N0} rows read, {Inserted:N0} inserted, {Updated:N0} updated, {Unchanged:N0} unchanged, {Rejected:N0} rejected; {EntityKind} inserted {EntitiesInserted:N0} ({Elapsed:N0} ms)",
                    report.Kind, report.Rows.Read, report.Rows.Inserted, report.Rows.Updated, report.Rows.Unchanged, report.Rows.Rejected,
                    report.Orders is null ? "customers" : "orders", entities?.Inserted ?? 0, report.ElapsedMs);
            }

            return reports;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or Npgsql.NpgsqlException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError("Loading data failed: {Error}", e.Message);
            return null;
        }
    }
}
