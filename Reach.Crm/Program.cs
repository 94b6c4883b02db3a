using Reach.Crm.Apis;
using Reach.Crm.Extensions;

if (await CrmCommandLine.TryRunAsync(args))
{
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddReadModels();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCrmSecurity();
app.MapDefaultEndpoints();
app.MapAuthApi();
app.MapUsersApi();
app.MapAuditApi();
app.MapIngestApi();
app.MapSegmentsApi();
app.MapCampaignsApi();
app.MapReceiptsApi();
app.MapCopilotApi();
app.MapCustomersApi();
app.MapInsightsApi();
app.Run();

/// <summary>The CRM's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
