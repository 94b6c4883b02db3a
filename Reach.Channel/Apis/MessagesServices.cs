using Microsoft.Extensions.Options;
using Reach.Channel.Simulation;
using Reach.Channel.Telemetry;
using Reach.ServiceDefaults.Webhooks;

namespace Reach.Channel.Apis;

/// <summary>What the messages endpoint needs, bound with <c>[AsParameters]</c>.</summary>
public sealed class MessagesServices(
    StandardWebhook webhook,
    MessageSimulator simulator,
    IOptions<ChannelOptions> options,
    TimeProvider time,
    ChannelTelemetry telemetry,
    ILogger<MessagesServices> logger)
{
    /// <summary>Verifies the CRM's signature.</summary>
    public StandardWebhook Webhook { get; } = webhook;

    /// <summary>Plays the messages.</summary>
    public MessageSimulator Simulator { get; } = simulator;

    /// <summary>Limits and currencies.</summary>
    public IOptions<ChannelOptions> Options { get; } = options;

    /// <summary>The clock for the signature's timestamp check.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Intake traces.</summary>
    public ChannelTelemetry Telemetry { get; } = telemetry;

    /// <summary>Intake log.</summary>
    public ILogger<MessagesServices> Logger { get; } = logger;
}
