namespace Reach.Channel.Simulation;

/// <summary>
/// A counter-based random number generator (SplitMix64 finaliser): a draw is a pure function of (seed, id, stream),
/// so no per-message generator state is kept and a message's outcome does not depend on arrival order.
/// </summary>
public static class DeterministicRandom
{
    /// <summary>A uniform double in [0, 1) for (seed, id, stream, sub-stream).</summary>
    public static double Uniform(long seed, long id, RandomStream stream, int subStream = 0)
    {
        var h = Mix(unchecked((ulong)seed) ^ 0x5851F42D4C957F2DUL);
        h = Mix(h ^ unchecked((ulong)id));
        h = Mix(h ^ (((ulong)(uint)stream << 32) | (uint)subStream));
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static double Between(long seed, long id, RandomStream stream, double min, double max, int subStream = 0) =>
        min + ((max - min) * Uniform(seed, id, stream, subStream));

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
