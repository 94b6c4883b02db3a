namespace Reach.Crm.Ingest.DemoData;

/// <summary>
/// SplitMix64: a tiny, fast, fully specified pseudo-random generator, so the demo data never depends on the
/// runtime's <see cref="Random"/> implementation. Each customer gets independent streams keyed by
/// (seed, customer index, stream), which lets the customer and order-line enumerations agree without sharing state.
/// </summary>
internal struct DemoRandom
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>The stream <paramref name="stream"/> (0–255) of customer <paramref name="index"/> under <paramref name="seed"/>.</summary>
    public DemoRandom(int seed, int index, int stream)
    {
        var key = ((ulong)(uint)index << 8) | (byte)stream;
        _state = Mix(Mix((ulong)(uint)seed ^ 0xD1B54A32D192ED03UL) ^ Mix(key + Gamma));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) (multiply-shift; bias below 2^-32·n, irrelevant here).</summary>
    public int Next(int maxExclusive) => (int)(((NextUInt64() >> 32) * (uint)maxExclusive) >> 32);

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public int Next(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mix.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
