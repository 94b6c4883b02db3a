using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reach.Crm.Auditing;
using Reach.Crm.Infrastructure;
using Reach.Crm.Segmentation.Dsl;

namespace Reach.Crm.Segmentation;

/// <summary>Saved segments: create (counted at save), read (recounted), list, delete (refused while a campaign uses it).</summary>
public sealed class SegmentService(ReachDbContext db, AudienceService audiences, TimeProvider time)
{
    /// <summary>Longest segment name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Validates, counts and saves a segment.</summary>
    /// <exception cref="SegmentDefinitionException">The definition or name is invalid.</exception>
    public async Task<SegmentResponse> CreateAsync(string? name, string? description, JsonElement definition, string createdVia, string? createdBy, CancellationToken ct)
    {
        var errors = new List<SegmentValidationError>();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            errors.Add(new("name", string.IsNullOrEmpty(name) ? "is missing; a segment needs a name" : $"is {name.Length} characters long; at most {MaxNameLength} are allowed"));
        }

        if (description?.Length > 2000)
        {
            errors.Add(new("description", $"is {description.Length} characters long; at most 2000 are allowed"));
        }

        FilterGroup? filter = null;
        try
        {
            filter = SegmentDefinitionParser.Parse(definition);
        }
        catch (SegmentDefinitionException e)
        {
            errors.AddRange(e.Errors.Select(x => x with { Path = "definition" + (x.Path == "(root)" ? "" : "." + x.Path) }));
        }

        if (errors.Count > 0)
        {
            throw new SegmentDefinitionException(errors);
        }

        var (count, ms) = await audiences.CountAsync(filter!, ct);
        var now = time.GetUtcNow();
        var segment = new Segment
        {
            Name = name!,
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Definition = JsonDocument.Parse(definition.GetRawText()),
            CreatedVia = createdVia,
            CreatedBy = createdBy,
            CreatedAt = now,
            LastCount = (int)count,
            LastCountedAt = now,
            LastCountMs = ms,
        };
        await using (var tx = await db.BeginUnlessActiveAsync(ct))
        {
            db.Segments.Add(segment);
            await db.SaveChangesAsync(ct);
            db.AuditLog.Add(new AuditLogEntry
            {
                OccurredAt = now, Actor = createdBy ?? createdVia, Action = "segment.created", EntityType = "segment", EntityId = segment.Id,
                After = JsonSerializer.SerializeToDocument(new { segment.Name, segment.Description, definition, count }),
            });
            await db.SaveChangesAsync(ct);
            await (tx?.CommitAsync(ct) ?? Task.CompletedTask);
        }

        return ToResponse(segment, filter!, 0);
    }

    /// <summary>
    /// Replaces the definition (and description) of a segment that no launched campaign uses — drafts follow it.
    /// </summary>
    /// <returns>The revised segment, or null when it doesn't exist or a non-draft campaign uses it.</returns>
    /// <exception cref="SegmentDefinitionException">The definition is invalid.</exception>
    public async Task<SegmentResponse?> ReviseAsync(long id, JsonElement definition, string? description, string actor, CancellationToken ct)
    {
        var filter = SegmentDefinitionParser.Parse(definition);
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null || await db.Campaigns.AnyAsync(c => c.SegmentId == id && c.Status != Campaigns.CampaignStatus.Draft, ct))
        {
            return null;
        }

        var before = JsonSerializer.SerializeToDocument(new { segment.Name, segment.Description, definition = segment.Definition.RootElement });
        var (count, ms) = await audiences.CountAsync(filter, ct);
        segment.Definition = JsonDocument.Parse(definition.GetRawText());
        segment.Description = string.IsNullOrWhiteSpace(description) ? segment.Description : description.Trim();
        segment.LastCount = (int)count;
        segment.LastCountedAt = time.GetUtcNow();
        segment.LastCountMs = ms;
        db.AuditLog.Add(new AuditLogEntry
        {
            OccurredAt = time.GetUtcNow(), Actor = actor, Action = "segment.edited", EntityType = "segment", EntityId = id, Before = before,
            After = JsonSerializer.SerializeToDocument(new { segment.Name, segment.Description, definition, count }),
        });
        await db.SaveChangesAsync(ct);
        return ToResponse(segment, filter, await db.Campaigns.CountAsync(c => c.SegmentId == id, ct));
    }

    /// <summary>Whether segment <paramref name="id"/> exists.</summary>
    public Task<bool> ExistsAsync(long id, CancellationToken ct) => db.Segments.AnyAsync(s => s.Id == id, ct);

    /// <summary>All segments, newest first (at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<SegmentResponse>> ListAsync(int limit, CancellationToken ct)
    {
        var rows = await db.Segments.AsNoTracking().OrderByDescending(s => s.Id).Take(limit)
            .Select(s => new { Segment = s, Campaigns = db.Campaigns.Count(c => c.SegmentId == s.Id) })
            .ToListAsync(ct);
        return rows.Select(r => ToResponse(r.Segment, SegmentDefinitionParser.Parse(r.Segment.Definition.RootElement), r.Campaigns)).ToList();
    }

    /// <summary>One segment as stored, with the count taken when it was last saved or read (no recount); null when absent.</summary>
    public async Task<SegmentResponse?> FindAsync(long id, CancellationToken ct)
    {
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return segment is null
            ? null
            : ToResponse(segment, SegmentDefinitionParser.Parse(segment.Definition.RootElement), await db.Campaigns.CountAsync(c => c.SegmentId == id, ct));
    }

    /// <summary>One segment, recounted now (the count and its time are stored); null when absent.</summary>
    public async Task<SegmentResponse?> GetAsync(long id, CancellationToken ct)
    {
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null)
        {
            return null;
        }

        var filter = SegmentDefinitionParser.Parse(segment.Definition.RootElement);
        var (count, ms) = await audiences.CountAsync(filter, ct);
        segment.LastCount = (int)count;
        segment.LastCountedAt = time.GetUtcNow();
        segment.LastCountMs = ms;
        await db.SaveChangesAsync(ct);
        var campaigns = await db.Campaigns.CountAsync(c => c.SegmentId == id, ct);
        return ToResponse(segment, filter, campaigns);
    }

    /// <summary>Deletes a segment no campaign uses.</summary>
    /// <returns><see cref="DeleteOutcome"/>.</returns>
    public async Task<DeleteOutcome> DeleteAsync(long id, string? actor, CancellationToken ct)
    {
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null)
        {
            return DeleteOutcome.NotFound;
        }

        if (await db.Campaigns.AnyAsync(c => c.SegmentId == id, ct))
        {
            return DeleteOutcome.InUse;
        }

        db.Segments.Remove(segment);
        db.AuditLog.Add(new AuditLogEntry
        {
            OccurredAt = time.GetUtcNow(), Actor = actor ?? "anonymous", Action = "segment.deleted", EntityType = "segment", EntityId = id,
            Before = JsonSerializer.SerializeToDocument(new { segment.Name, segment.Description, definition = segment.Definition.RootElement }),
        });
        await db.SaveChangesAsync(ct);
        return DeleteOutcome.Deleted;
    }

    private static SegmentResponse ToResponse(Segment s, FilterGroup filter, int campaigns) => new(
        s.Id, s.Name, s.Description, s.Definition.RootElement.Clone(), SegmentDescriber.Describe(filter), s.CreatedVia, s.CreatedBy,
        s.CreatedAt, s.LastCount, s.LastCountedAt, s.LastCountMs, campaigns);
}

/// <summary>What a delete did.</summary>
public enum DeleteOutcome
{
    /// <summary>Deleted.</summary>
    Deleted,

    /// <summary>No such segment.</summary>
    NotFound,

    /// <summary>A campaign uses it.</summary>
    InUse,
}
