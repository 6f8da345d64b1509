// Observation and action spaces, in Gymnasium's vocabulary (Box and Discrete).
namespace Es.Core.Environments;

/// <summary>The set of valid observations or actions of an environment.</summary>
public abstract record Space
{
    /// <summary>How many floats one element of this space occupies in a flat buffer (1 for Discrete).</summary>
    public abstract int FlatSize { get; }
}

/// <summary>
/// A discrete space {0, …, N−1}. In a flat action buffer a discrete action is one float that
/// holds the index, which is exact for any N below 2^24.
/// </summary>
/// <param name="N">Number of actions.</param>
public sealed record DiscreteSpace(int N) : Space
{
    /// <inheritdoc/>
    public override int FlatSize => 1;

    /// <inheritdoc/>
    public override string ToString() => $"Discrete({N})";
}

/// <summary>A box of real vectors with per-component bounds (±∞ allowed).</summary>
/// <param name="Low">Lower bound of each component.</param>
/// <param name="High">Upper bound of each component.</param>
public sealed record BoxSpace(float[] Low, float[] High) : Space
{
    /// <summary>A box whose components share one lower and one upper bound.</summary>
    public static BoxSpace Uniform(int size, float low, float high)
    {
        var lo = new float[size];
        var hi = new float[size];
        Array.Fill(lo, low);
        Array.Fill(hi, high);
        return new BoxSpace(lo, hi);
    }

    /// <inheritdoc/>
    public override int FlatSize => Low.Length;

    /// <inheritdoc/>
    public bool Equals(BoxSpace? other) =>
        other is not null && Low.AsSpan().SequenceEqual(other.Low) && High.AsSpan().SequenceEqual(other.High);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Low.Length, Low.Length > 0 ? Low[0] : 0f, High.Length > 0 ? High[0] : 0f);

    /// <inheritdoc/>
    public override string ToString() =>
        Low.All(l => l == Low[0]) && High.All(h => h == High[0])
            ? $"Box({Low[0]}, {High[0]}, ({Low.Length},))"
            : $"Box([{string.Join(", ", Low)}], [{string.Join(", ", High)}])";
}
