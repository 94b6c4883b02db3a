using Reach.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddReachWeb();

var app = builder.Build();
app.UseReachWeb();
app.Run();
