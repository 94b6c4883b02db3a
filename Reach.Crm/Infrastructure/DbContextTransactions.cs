using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Reach.Crm.Infrastructure;

/// <summary>Transactions that keep a change and its audit entry together.</summary>
public static class DbContextTransactions
{
    /// <summary>
    /// Begins a transaction unless the context is already in one (then the caller's transaction decides): a change and
    /// its <c>audit_log</c> entry commit together or not at all.
    /// </summary>
    /// <returns>The new transaction to commit, or null when an outer one is active.</returns>
    public static async Task<IDbContextTransaction?> BeginUnlessActiveAsync(this DbContext db, CancellationToken ct) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
}
