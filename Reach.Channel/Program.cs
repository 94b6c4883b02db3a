using Reach.Channel.Apis;
using Reach.Channel.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapMessagesApi();
app.MapLedgerApi();
app.Run();

/// <summary>The channel's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
