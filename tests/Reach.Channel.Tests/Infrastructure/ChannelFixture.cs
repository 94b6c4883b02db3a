namespace Reach.Channel.Tests.Infrastructure;

/// <summary>
/// A channel and a callback receiver shared by the tests of one class (each test uses its own campaign and
/// communication ids). Time scale 0, no injected duplicates or hold-backs, at most 5 messages per batch and 64 KiB per body.
/// </summary>
public sealed class ChannelFixture : IAsyncLifetime
{
    /// <summary>The channel.</summary>
    public ChannelFactory Channel { get; } = new(new Dictionary<string, string?>
    {
        ["Reach:Channel:TimeScale"] = "0",
        ["Reach:Channel:Seed"] = "11",
        ["Reach:Channel:Faults:DuplicateRate"] = "0",
        ["Reach:Channel:Faults:HoldBackRate"] = "0",
        ["Reach:Channel:Faults:TransientFailureRate"] = "0",
        ["Reach:Channel:MaxMessagesPerBatch"] = "5",
        ["Reach:Channel:MaxBodyBytes"] = "65536",
    });

    /// <summary>The callback.</summary>
    public CallbackReceiver Receiver { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Receiver = await CallbackReceiver.StartAsync(TestContext.Current.CancellationToken);
        _ = Channel.Server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Channel.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
