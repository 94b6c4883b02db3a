using Npgsql;

namespace Reach.Crm.Copilot.Embedded;

/// <summary>Reads the <see cref="Catalogue"/> (cached for 60 s): small, indexed queries — distinct values, not customer scans where avoidable.</summary>
public sealed class CatalogueProvider(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (Catalogue Value, DateTimeOffset At)? _cached;

    /// <summary>The catalogue.</summary>
    public async Task<Catalogue> GetAsync(CancellationToken ct)
    {
        if (_cached is { } c && time.GetUtcNow() - c.At < Ttl)
        {
            return c.Value;
        }

        await _lock.WaitAsync(ct);
        try
        {
            if (_cached is { } again && time.GetUtcNow() - again.At < Ttl)
            {
                return again.Value;
            }

            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(new("SELECT DISTINCT lower(category) FROM products WHERE category IS NOT NULL"));
            batch.BatchCommands.Add(new("SELECT name FROM products ORDER BY id LIMIT 20000"));
            batch.BatchCommands.Add(new("SELECT city FROM customers WHERE city IS NOT NULL GROUP BY city ORDER BY count(*) DESC LIMIT 2000"));
            batch.BatchCommands.Add(new("SELECT country FROM customers WHERE country IS NOT NULL GROUP BY country ORDER BY count(*) DESC LIMIT 500"));
            batch.BatchCommands.Add(new("SELECT DISTINCT t FROM (SELECT unnest(tags) AS t FROM customers WHERE cardinality(tags) > 0 LIMIT 200000) x LIMIT 500"));
            var lists = new List<List<string>>();
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                do
                {
                    var list = new List<string>();
                    while (await reader.ReadAsync(ct))
                    {
                        list.Add(reader.GetString(0));
                    }

                    lists.Add(list);
                }
                while (await reader.NextResultAsync(ct));
            }

            var catalogue = new Catalogue(lists[0], lists[1], lists[2], lists[3], lists[4]);
            _cached = (catalogue, time.GetUtcNow());
            return catalogue;
        }
        finally
        {
            _lock.Release();
        }
    }
}
