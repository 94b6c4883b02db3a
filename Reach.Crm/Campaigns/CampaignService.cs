using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Reach.Crm.Auditing;
using Reach.Crm.Campaigns.Funnel;
using Reach.Crm.Infrastructure;
using Reach.Crm.Segmentation;
using Reach.Crm.Segmentation.Dsl;

namespace Reach.Crm.Campaigns;

/// <summary>Drafts (create, edit), reading, cancelling and the per-recipient view of campaigns. Launch is <see cref="CampaignLauncher"/>.</summary>
public sealed class CampaignService(ReachDbContext db, NpgsqlDataSource dataSource, AudienceService audiences, IOptions<ReachOptions> options, TimeProvider time)
{
    /// <summary>Longest campaign name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Creates a draft.</summary>
    /// <exception cref="CampaignValidationException">A field is missing or invalid; the segment doesn't exist; a token is unknown.</exception>
    public async Task<CampaignResponse> CreateDraftAsync(CampaignDraftRequest request, string actor, CancellationToken ct)
    {
        var errors = new List<KeyValuePair<string, string>>();
        var name = CheckName(request.Name, errors);
        var channel = CheckChannel(request.Channel, errors);
        var template = CheckTemplate(request.MessageTemplate, errors);
        var via = request.CreatedVia ?? "manual";
        if (via is not ("manual" or "copilot"))
        {
            errors.Add(new("createdVia", $"'{via}' is not allowed; allowed: manual, copilot"));
        }

        if (request.Goal?.Length > 2000 || request.ChannelReason?.Length > 1000)
        {
            errors.Add(new(request.Goal?.Length > 2000 ? "goal" : "channelReason", "is too long (goal ≤ 2000, channel reason ≤ 1000 characters)"));
        }

        if (request.SegmentId is not { } segmentId)
        {
            errors.Add(new("segmentId", "is missing; a campaign targets a saved segment"));
        }
        else if (!await db.Segments.AnyAsync(s => s.Id == segmentId, ct))
        {
            errors.Add(new("segmentId", $"segment {segmentId} does not exist"));
        }

        if (errors.Count > 0)
        {
            throw new CampaignValidationException(errors);
        }

        var now = time.GetUtcNow();
        var campaign = new Campaign
        {
            Name = name!, Goal = request.Goal?.Trim(), SegmentId = request.SegmentId!.Value, Channel = channel!,
            ChannelReason = request.ChannelReason?.Trim(), MessageTemplate = template!.Text, Status = CampaignStatus.Draft,
            Currency = options.Value.Currency, CreatedVia = via, CreatedBy = actor, CreatedAt = now, UpdatedAt = now,
            ConversationId = request.ConversationId,
        };
        await using (var tx = await db.BeginUnlessActiveAsync(ct))
        {
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync(ct);
            Audit(actor, via == "copilot" ? "campaign.staged" : "campaign.created", campaign.Id, null, Snapshot(campaign));
            await db.SaveChangesAsync(ct);
            await (tx?.CommitAsync(ct) ?? Task.CompletedTask);
        }

        return await GetAsync(campaign.Id, ct) ?? throw new InvalidOperationException("the campaign vanished");
    }

    /// <summary>Edits a draft (compare-and-set on status: a campaign that left draft is not changed).</summary>
    /// <returns>The campaign, or null when absent.</returns>
    /// <exception cref="CampaignValidationException">A field is invalid.</exception>
    /// <exception cref="CampaignStateException">The campaign is no longer a draft.</exception>
    public async Task<CampaignResponse?> EditDraftAsync(long id, CampaignEditRequest request, string actor, CancellationToken ct)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return null;
        }

        if (campaign.Status != CampaignStatus.Draft)
        {
            throw new CampaignStateException(id, campaign.Status, "edit");
        }

        var errors = new List<KeyValuePair<string, string>>();
        var name = request.Name is null ? campaign.Name : CheckName(request.Name, errors);
        var channel = request.Channel is null ? campaign.Channel : CheckChannel(request.Channel, errors);
        var template = request.MessageTemplate is null ? campaign.MessageTemplate : CheckTemplate(request.MessageTemplate, errors)?.Text;
        if (errors.Count > 0)
        {
            throw new CampaignValidationException(errors);
        }

        var before = Snapshot(campaign);
        await using var tx = await db.BeginUnlessActiveAsync(ct);
        var updated = await db.Campaigns.Where(c => c.Id == id && c.Status == CampaignStatus.Draft)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Name, name!)
                .SetProperty(c => c.Channel, channel!)
                .SetProperty(c => c.MessageTemplate, template!)
                .SetProperty(c => c.ChannelReason, request.ChannelReason ?? campaign.ChannelReason)
                .SetProperty(c => c.UpdatedAt, time.GetUtcNow()), ct);
        if (updated == 0)
        {
            throw new CampaignStateException(id, "no longer draft", "edit");
        }

        db.Entry(campaign).State = EntityState.Detached; // ExecuteUpdate bypassed the tracker; other pending changes (the copilot's steps) stay
        var after = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == id, ct);
        Audit(actor, "campaign.edited", id, before, Snapshot(after));
        await db.SaveChangesAsync(ct);
        await (tx?.CommitAsync(ct) ?? Task.CompletedTask);
        return await GetAsync(id, ct);
    }

    /// <summary>Cancels a draft, approved or sending campaign: nothing more is dispatched; receipts of what was sent still count.</summary>
    /// <exception cref="CampaignStateException">The campaign is completed, cancelled or failed.</exception>
    public async Task<CampaignResponse?> CancelAsync(long id, string actor, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return null;
        }

        await using var tx = await db.BeginUnlessActiveAsync(ct);
        var cancelled = await db.Campaigns
            .Where(c => c.Id == id && (c.Status == CampaignStatus.Draft || c.Status == CampaignStatus.Approved || c.Status == CampaignStatus.Sending))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Cancelled).SetProperty(c => c.UpdatedAt, time.GetUtcNow()), ct);
        if (cancelled == 0)
        {
            throw new CampaignStateException(id, campaign.Status, "cancel");
        }

        Audit(actor, "campaign.cancelled", id, new { status = campaign.Status }, new { status = CampaignStatus.Cancelled });
        await db.SaveChangesAsync(ct);
        await (tx?.CommitAsync(ct) ?? Task.CompletedTask);
        return await GetAsync(id, ct);
    }

    /// <summary>One campaign with its funnel counters; null when absent.</summary>
    public async Task<CampaignResponse?> GetAsync(long id, CancellationToken ct) =>
        (await QueryAsync(q => q.Where(c => c.Id == id), 1, ct)).FirstOrDefault();

    /// <summary>Campaigns, newest first, optionally by status and channel.</summary>
    public Task<IReadOnlyList<CampaignResponse>> ListAsync(string? status, string? channel, int limit, CancellationToken ct) =>
        QueryAsync(q => q.Where(c => (status == null || c.Status == status) && (channel == null || c.Channel == channel)), limit, ct);

    private async Task<IReadOnlyList<CampaignResponse>> QueryAsync(Func<IQueryable<Campaign>, IQueryable<Campaign>> filter, int limit, CancellationToken ct)
    {
        var rows = await filter(db.Campaigns.AsNoTracking())
            .OrderByDescending(c => c.Id).Take(limit)
            .Select(c => new
            {
                Campaign = c,
                Segment = db.Segments.Where(s => s.Id == c.SegmentId).Select(s => s.Name).FirstOrDefault(),
                Funnel = db.CampaignFunnels.FirstOrDefault(f => f.CampaignId == c.Id),
            })
            .ToListAsync(ct);
        return rows.Select(r => ToResponse(r.Campaign, r.Segment, r.Funnel)).ToList();
    }

    /// <summary>A campaign's messages with their status, keyset-paged by communication id; <paramref name="stage"/> filters (a stage name or <c>failed</c>).</summary>
    public async Task<Page<RecipientResponse>> RecipientsAsync(long id, string? stage, long after, int limit, CancellationToken ct)
    {
        var rank = stage is null or "failed" ? (short?)null : CommunicationStage.Rank(stage);
        var sql = $"""
            SELECT m.id, m.customer_id, c.name, m.recipient_address, m.stage, m.failed_at IS NOT NULL AND m.stage < 3, m.failure_reason,
                   m.queued_at, m.dispatched_at, m.delivered_at, m.read_at, m.converted_at, m.conversion_value, m.rendered_body
            FROM communications m JOIN customers c ON c.id = m.customer_id
            WHERE m.campaign_id = @id AND m.id > @after
              {(stage == "failed" ? "AND m.failed_at IS NOT NULL AND m.stage < 3" : rank is not null ? "AND m.stage = @stage" : "")}
            ORDER BY m.id LIMIT @limit
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("after", after);
        cmd.Parameters.AddWithValue("limit", limit + 1);
        if (rank is not null)
        {
            cmd.Parameters.AddWithValue("stage", rank.Value);
        }

        var items = new List<RecipientResponse>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(new RecipientResponse(
                reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                CommunicationStage.Name(reader.GetInt16(4)), reader.GetBoolean(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7), Time(reader, 8), Time(reader, 9), Time(reader, 10), Time(reader, 11),
                reader.IsDBNull(12) ? null : reader.GetDecimal(12), reader.IsDBNull(13) ? null : reader.GetString(13)));
        }

        var more = items.Count > limit;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }

        return new Page<RecipientResponse>(items, more ? items[^1].CommunicationId : null);
    }

    /// <summary>The template rendered for up to <paramref name="count"/> real customers of the segment who can be reached on the channel.</summary>
    public async Task<IReadOnlyList<MessagePreview>?> PreviewMessagesAsync(long id, int count, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        var segment = campaign is null ? null : await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == campaign.SegmentId, ct);
        if (campaign is null || segment is null)
        {
            return null;
        }

        var template = MessageTemplate.Parse(campaign.MessageTemplate).Template!;
        var compiled = audiences.Compile(SegmentDefinitionParser.Parse(segment.Definition.RootElement));
        await using var cmd = dataSource.CreateCommand($"""
            SELECT c.id, c.name, {ChannelSql.AddressColumn(campaign.Channel)}, c.first_name, c.city, c.last_item
            FROM {CompiledFilter.FromWithCustomers} WHERE {compiled.Sql} AND {ChannelSql.ReachableFact(campaign.Channel)} ORDER BY c.id LIMIT {Math.Clamp(count, 1, 20)}
            """);
        cmd.Parameters.AddRange(compiled.CloneParameters().ToArray());
        var previews = new List<MessagePreview>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var name = reader.IsDBNull(1) ? null : reader.GetString(1);
            previews.Add(new MessagePreview(reader.GetInt64(0), name, reader.GetString(2),
                template.Render(reader.IsDBNull(3) ? null : reader.GetString(3), name, reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5))));
        }

        return previews;
    }

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    private static CampaignResponse ToResponse(Campaign c, string? segmentName, CampaignFunnel? f) => new(
        c.Id, c.Name, c.Goal, c.SegmentId, segmentName, c.Channel, c.ChannelReason, c.MessageTemplate, c.Status, c.Currency,
        c.AudienceSize, c.ExcludedCount, c.CreatedVia, c.CreatedBy, c.CreatedAt, c.UpdatedAt, c.ApprovedBy, c.ApprovedAt,
        c.LaunchedAt, c.CompletedAt, c.ConversationId,
        f is null ? null : new FunnelCounts(f.Queued, f.Dispatched, f.Sent, f.Delivered, f.Opened, f.Read, f.Clicked, f.Converted, f.Failed, f.Revenue, c.Currency),
        Warnings(c));

    /// <summary>Non-blocking remarks about a draft: an SMS longer than one message.</summary>
    public static IReadOnlyList<string> Warnings(Campaign c)
    {
        if (c.Channel != "sms" || MessageTemplate.Parse(c.MessageTemplate).Template is not { } t)
        {
            return [];
        }

        var (length, gsm7, over) = t.SmsLength();
        return over
            ? [$"the SMS body is about {length} {(gsm7 ? "GSM-7 characters; one SMS holds 160" : "characters outside GSM-7 (sent as UCS-2); one SMS holds 70")}, so it will be sent as several parts"]
            : [];
    }

    private static string? CheckName(string? name, List<KeyValuePair<string, string>> errors)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            errors.Add(new("name", string.IsNullOrEmpty(name) ? "is missing" : $"is {name.Length} characters long; at most {MaxNameLength} are allowed"));
            return null;
        }

        return name;
    }

    private static string? CheckChannel(string? channel, List<KeyValuePair<string, string>> errors)
    {
        channel = channel?.Trim().ToLowerInvariant();
        if (channel is null || !ChannelSql.Channels.Contains(channel))
        {
            errors.Add(new("channel", $"{(channel is null ? "is missing" : $"'{channel}' is not a channel")}; allowed: {string.Join(", ", ChannelSql.Channels)}"));
            return null;
        }

        return channel;
    }

    private static MessageTemplate? CheckTemplate(string? text, List<KeyValuePair<string, string>> errors)
    {
        var (template, problems) = MessageTemplate.Parse(text);
        errors.AddRange(problems.Select(p => new KeyValuePair<string, string>("messageTemplate", p)));
        return template;
    }

    private static object Snapshot(Campaign c) => new { c.Name, c.Channel, c.ChannelReason, c.MessageTemplate, c.Status, c.SegmentId };

    private void Audit(string actor, string action, long id, object? before, object? after) =>
        db.AuditLog.Add(new AuditLogEntry
        {
            OccurredAt = time.GetUtcNow(), Actor = actor, Action = action, EntityType = "campaign", EntityId = id,
            Before = before is null ? null : JsonSerializer.SerializeToDocument(before),
            After = after is null ? null : JsonSerializer.SerializeToDocument(after),
        });
}
