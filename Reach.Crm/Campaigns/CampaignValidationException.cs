namespace Reach.Crm.Campaigns;

/// <summary>A draft is invalid; <see cref="Errors"/> names each field and what is allowed.</summary>
public sealed class CampaignValidationException(IReadOnlyList<KeyValuePair<string, string>> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")))
{
    /// <summary>Field → message.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Errors { get; } = errors;
}
