using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reach.Channel.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reach.Channel.Receipts;
using Reach.Channel.Tests.Infrastructure;
using Reach.ServiceDefaults.Resilience;

namespace Reach.Channel.Tests;

/// <summary>Settings: the signing secret is required outside Development, and configuration extends the defaults.</summary>
public sealed class ConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_signing_secret_the_channel_does_not_start_outside_development()
    {
        // Started directly rather than through WebApplicationFactory, whose deferred host can race a failing start.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("Production", []));
        Assert.Contains("Reach:Channel:SigningSecret is not set", error.Message);
    }

    [Fact]
    public async Task In_development_the_fixed_development_secret_is_used_by_default()
    {
        await using var receiver = await CallbackReceiver.StartAsync(Ct);
        await using var channel = new ChannelFactory(new Dictionary<string, string?> { ["Reach:Channel:SigningSecret"] = null });

        using var refused = await channel.PostBatchAsync(Batches.Json(501, receiver.Url, [501_000]), Ct);
        using var accepted = await channel.PostBatchAsync(Batches.Json(501, receiver.Url, [501_000]), Ct, secret: ChannelOptions.DevelopmentSigningSecret);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public void Configuration_overrides_and_extends_the_defaults()
    {
        using var channel = new ChannelFactory(new Dictionary<string, string?>
        {
            ["Reach:Channel:CurrencyRates:AUD"] = "0.018",
            ["Reach:Channel:Lifecycle:sms:Delivered"] = "0.5",
            ["Reach:Channel:Seed"] = "77",
        });

        var options = channel.Services.GetRequiredService<IOptions<ChannelOptions>>().Value;
        Assert.Equal(0.018m, options.CurrencyRates["aud"]);
        Assert.Equal(1m / 105m, options.CurrencyRates["GBP"]);
        Assert.Equal(0.5, options.Lifecycle.Sms.Delivered);
        Assert.Equal(0.18, options.Lifecycle.Sms.Clicked);
        Assert.False(options.Lifecycle.Sms.TracksOpens);
        Assert.Equal(0.95, options.Lifecycle.WhatsApp.Delivered);
        Assert.Equal(77, options.Seed);
    }

    [Fact]
    public void The_receipt_client_does_not_retry_on_its_own()
    {
        using var channel = new ChannelFactory(new Dictionary<string, string?> { ["Reach:Channel:Receipts:AttemptTimeoutSeconds"] = "3" });

        var resilience = channel.Services.GetRequiredService<IOptionsMonitor<StandardResilienceOptions>>().Get(ReceiptSender.HttpClientName);
        Assert.Equal(0, resilience.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(3), resilience.AttemptTimeout);
        Assert.Equal(3, channel.Services.GetRequiredService<IOptionsMonitor<StandardResilienceOptions>>().Get("other").MaxRetryAttempts);
    }

    [Fact]
    public async Task Invalid_probabilities_stop_the_channel_at_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("Development", new()
        {
            ["Reach:Channel:SigningSecret"] = "x",
            ["Reach:Channel:Lifecycle:email:Opened"] = "1.5",
        }));
        Assert.Contains("Lifecycle:email:Opened", error.Message);
    }

    private static async Task StartAsync(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        await using var app = builder.Build();
        await app.StartAsync(Ct);
        await app.StopAsync(Ct);
    }
}
