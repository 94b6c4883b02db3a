namespace Reach.AppHost.Configuration;

/// <summary>Settings of the web UI resource.</summary>
public sealed class WebOptions
{
    /// <summary>The address the web UI listens on; when its port is busy, a free port on 127.0.0.1 is used. Default <c>http://localhost:5080</c>.</summary>
    public string Url { get; set; } = "http://localhost:5080";
}
