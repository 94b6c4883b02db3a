namespace Reach.Channel.Simulation;

/// <summary>
/// Independent random draws per message: each decision about a message reads its own stream, so a decision is the
/// same whatever path or arrival order led to it.
/// </summary>
public enum RandomStream
{
    /// <summary>Delay before <c>sent</c>.</summary>
    SentDelay = 1,

    /// <summary>Delivered or failed.</summary>
    Delivered,

    /// <summary>Delay before <c>delivered</c>/<c>failed</c>.</summary>
    OutcomeDelay,

    /// <summary>Which failure reason.</summary>
    FailureReason,

    /// <summary>Opened or not.</summary>
    Opened,

    /// <summary>Delay before <c>opened</c>.</summary>
    OpenedDelay,

    /// <summary>Read or not.</summary>
    Read,

    /// <summary>Delay before <c>read</c>.</summary>
    ReadDelay,

    /// <summary>Clicked or not.</summary>
    Clicked,

    /// <summary>Delay before <c>clicked</c>.</summary>
    ClickedDelay,

    /// <summary>Converted or not.</summary>
    Converted,

    /// <summary>Delay before <c>converted</c>.</summary>
    ConvertedDelay,

    /// <summary>The order value.</summary>
    OrderValue,

    /// <summary>Whether an event is duplicated (per event type).</summary>
    Duplicate,

    /// <summary>Delay before the duplicate copy (per event type).</summary>
    DuplicateDelay,

    /// <summary>Whether an event is held back (per event type).</summary>
    HoldBack,

    /// <summary>Extra hold-back delay (per event type).</summary>
    HoldBackDelay,
}
