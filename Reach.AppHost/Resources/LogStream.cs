namespace Reach.AppHost.Resources;

/// <summary>Where a log line came from.</summary>
public enum LogStream
{
    /// <summary>The resource's stdout.</summary>
    Output,

    /// <summary>The resource's stderr.</summary>
    Error,

    /// <summary>A message of the AppHost about the resource (also written to the AppHost's own log).</summary>
    AppHost,
}
