namespace Reach.Crm.Segmentation;

/// <summary>Section <c>Reach:Segmentation</c>.</summary>
public sealed class SegmentationOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Reach:Segmentation";

    /// <summary>
    /// The reference time "N days ago" is measured from; null means now. Set it to replay a historical data
    /// set, e.g. <c>2011-12-10T00:00:00Z</c> for Online Retail (its last invoice is 2011-12-09).
    /// </summary>
    public DateTimeOffset? AsOf { get; set; }
}
