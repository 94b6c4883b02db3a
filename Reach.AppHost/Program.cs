using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reach.AppHost.Dashboard;
using Reach.AppHost.Hosting;
using Reach.AppHost.Networking;
using Reach.AppHost.Processes;

// Reach's local orchestrator: PostgreSQL, channel, crm and web, wired with .NET Aspire's conventions (README.md),
// with a dashboard (resources, console and structured logs, traces, metrics) fed by its own OTLP/HTTP receiver.
PosixSignals.StopIgnoringInterrupts();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss ";
});
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(90));

var ports = new PortAllocator();
builder.Services.AddSingleton(ports);
var dashboard = builder.AddReachDashboard(ports);
builder.Services.AddReachAppHost(builder.Configuration);

var app = builder.Build();
app.MapReachDashboard(dashboard);
await app.RunAsync();
