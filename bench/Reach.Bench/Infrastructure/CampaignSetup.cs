namespace Reach.Bench.Infrastructure;

/// <summary>The campaign the campaign scenarios use: everyone with e-mail consent, on e-mail, through the CRM's API.</summary>
public static class CampaignSetup
{
    /// <summary>The segment: everyone who consented to e-mail.</summary>
    public const string AllEmailDefinition = """{"match":"all","conditions":[{"field":"consent","op":"eq","value":"email"}]}""";

    /// <summary>The message template.</summary>
    public const string Template = "Hi {{first_name | there}}";

    /// <summary>Saves the segment (<c>POST /api/segments</c>) and a draft on it (<c>POST /api/campaigns</c>); returns the campaign id.</summary>
    public static async Task<long> CreateDraftAsync(CrmApi api, string name, CancellationToken cancellationToken)
    {
        var segment = await api.CreateSegmentAsync("All e-mail", AllEmailDefinition, cancellationToken);
        return await api.CreateCampaignAsync(name, segment, "email", Template, cancellationToken);
    }

    /// <summary>Launches <paramref name="campaignId"/>; returns the audience, the excluded count and the client-measured time.</summary>
    public static async Task<(int AudienceSize, int Excluded, TimeSpan Elapsed)> LaunchAsync(CrmApi api, long campaignId, CancellationToken cancellationToken)
    {
        Progress.Write($"  launching campaign {campaignId}");
        var (body, elapsed) = await api.LaunchAsync(campaignId, cancellationToken);
        var audience = body.GetProperty("audienceSize").GetInt32();
        var excluded = body.GetProperty("excluded").GetInt32();
        Progress.Write($"  campaign {campaignId} launched in {elapsed.TotalSeconds:0.00} s: {audience:N0} queued, {excluded:N0} excluded");
        return (audience, excluded, elapsed);
    }

    /// <summary>
    /// The run's launched campaign (<see cref="BenchContext.Campaign"/>), or, when no scenario launched one yet, a new one
    /// created and launched through <paramref name="api"/> (then shared).
    /// </summary>
    public static async Task<LaunchedCampaign> RequireLaunchedAsync(BenchContext context, CrmApi api, CancellationToken cancellationToken)
    {
        if (context.Campaign is { } launched)
        {
            return launched;
        }

        Progress.Write("  no launched campaign yet: creating and launching one (not a measured figure here)");
        var id = await CreateDraftAsync(api, "Bench", cancellationToken);
        var (audience, _, _) = await LaunchAsync(api, id, cancellationToken);
        context.Campaign = new LaunchedCampaign(id, audience);
        return context.Campaign;
    }
}
