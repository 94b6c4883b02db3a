namespace Reach.Crm.Tests.Security;

/// <summary>The system clock plus an offset a test can move forward (and back), to expire tokens without waiting.</summary>
public sealed class ShiftableClock : TimeProvider
{
    /// <summary>Added to the real time.</summary>
    public TimeSpan Offset { get; set; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
