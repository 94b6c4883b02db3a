namespace Reach.Web;

/// <summary>The web app's settings, from <c>Reach:Web</c>.</summary>
public sealed class WebOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Reach:Web";

    /// <summary>The culture numbers, currency and dates are formatted with (default en-GB).</summary>
    public string Culture { get; set; } = "en-GB";

    /// <summary>The store currency (ISO 4217) for amounts the CRM sends without one, e.g. customers' spend.</summary>
    public string Currency { get; set; } = "INR";
}
