namespace Reach.Crm.Infrastructure;

/// <summary>Whether the migrations have been applied in this process.</summary>
public sealed class DatabaseState
{
    private volatile bool _migrated;

    /// <summary>True once <see cref="DatabaseMigrator"/> has applied the migrations.</summary>
    public bool IsMigrated => _migrated;

    /// <summary>Records that the migrations are applied.</summary>
    public void MarkMigrated() => _migrated = true;
}
