// A small, fast, seedable random generator (xoshiro256** seeded through SplitMix64) whose
// output depends only on its seed: the same numbers on every machine, runtime and thread.
namespace Es.Core.Random;

/// <summary>
/// Deterministic pseudo-random generator. EsAkka draws every random number (environment resets,
/// policy initialization, action noise) from one of these, built from an explicit seed, so a
/// run is a pure function of its configuration.
/// </summary>
/// <remarks>
/// Algorithm: xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number
/// generators", 2021), state expanded from the seed with SplitMix64. It is a mutable struct:
/// pass it by <c>ref</c>.
/// </remarks>
public struct Rng
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose whole stream is determined by <paramref name="seed"/>.</summary>
    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>Creates a generator for one of many independent streams derived from a seed.</summary>
    /// <remarks>Used where a run needs a stream per (generation, pair) or per chunk: the streams do not overlap in practice.</remarks>
    public static Rng ForStream(ulong seed, ulong stream) => new(Mix(seed, stream));

    /// <summary>Mixes two 64-bit values into one well-scrambled seed (SplitMix64 finalizer over both).</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        ulong x = a ^ (0x9E3779B97F4A7C15UL * (b + 0x632BE59BD9B4E019UL));
        return Finalize(Finalize(x) + b);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A double uniform on [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A double uniform on [low, high).</summary>
    public double NextDouble(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>An integer uniform on [0, n), without modulo bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is not positive.</exception>
    public long NextInt64(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ulong un = (ulong)n;
        ulong threshold = (0UL - un) % un;
        while (true)
        {
            ulong r = NextUInt64();
            ulong hi = Math.BigMul(r, un, out ulong lo);
            if (lo >= threshold) return (long)hi;
        }
    }

    /// <summary>A standard normal deviate (Marsaglia's polar method with <see cref="DeterministicMath.Log"/>), identical on every machine.</summary>
    public double NextGaussian()
    {
        while (true)
        {
            double u = 2.0 * NextDouble() - 1.0;
            double v = 2.0 * NextDouble() - 1.0;
            double s = u * u + v * v;
            if (s >= 1.0 || s == 0.0) continue;
            // The second deviate is discarded so the generator carries no hidden cache.
            return u * Math.Sqrt(-2.0 * DeterministicMath.Log(s) / s);
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Finalize(x);
    }

    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
