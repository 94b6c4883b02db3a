namespace Reach.Crm;

/// <summary>The CRM's settings, section <c>Reach</c>.</summary>
public sealed class ReachOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Reach";

    /// <summary>Store currency (ISO 4217): <c>INR</c> for the demo brand, <c>GBP</c> for Online Retail. Key <c>Reach:Currency</c>.</summary>
    public string Currency { get; set; } = "INR";

    /// <summary>Request body limit for ingest uploads, in bytes (default 2 GiB). Key <c>Reach:Ingest:MaxBodyBytes</c>.</summary>
    public long IngestMaxBodyBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Request body limit for every other endpoint, in bytes (default 1 MiB). Key <c>Reach:MaxRequestBodyBytes</c>.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
