using Microsoft.EntityFrameworkCore;
using Reach.Crm.Infrastructure;

namespace Reach.Crm.Auditing;

/// <summary>Reads the audit log (entries are written by the services that make the changes, in the same transaction).</summary>
public sealed class AuditLogService(ReachDbContext db)
{
    /// <summary>Most entries in one page.</summary>
    public const int MaxLimit = 500;

    /// <summary>
    /// Entries newest first (by id), filtered by entity type, entity id, actor and time (<paramref name="since"/> inclusive),
    /// keyset-paged: entries with an id below <paramref name="before"/>.
    /// </summary>
    public async Task<AuditPage> QueryAsync(string? entityType, long? entityId, string? actor, DateTimeOffset? since, long? before, int limit, CancellationToken ct)
    {
        var query = db.AuditLog.AsNoTracking();
        if (entityType is not null)
        {
            query = query.Where(e => e.EntityType == entityType);
        }

        if (entityId is not null)
        {
            query = query.Where(e => e.EntityId == entityId);
        }

        if (actor is not null)
        {
            query = query.Where(e => e.Actor == actor);
        }

        if (since is not null)
        {
            query = query.Where(e => e.OccurredAt >= since);
        }

        if (before is not null)
        {
            query = query.Where(e => e.Id < before);
        }

        var rows = await query.OrderByDescending(e => e.Id).Take(limit + 1).ToListAsync(ct);
        var more = rows.Count > limit;
        var items = rows.Take(limit).Select(e => new AuditEntryResponse(
            e.Id, e.OccurredAt, e.Actor, e.Action, e.EntityType, e.EntityId, e.Before?.RootElement.Clone(), e.After?.RootElement.Clone())).ToList();
        return new AuditPage(items, more ? items[^1].Id : null);
    }
}
