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
    private readonly int[]? _shape;

    /// <summary>
    /// The box's shape when it is more than a vector (a pixel observation is channels × rows ×
    /// columns, stored flat in that order), or null for a plain vector. A convolutional policy reads
    /// it; every other consumer sees the flat vector.
    /// </summary>
    /// <exception cref="ArgumentException">The dimensions are not positive or do not multiply to <see cref="FlatSize"/>.</exception>
    public int[]? Shape
    {
        get => _shape;
        init
        {
            if (value is not null)
            {
                long product = 1;
                foreach (int d in value)
                {
                    if (d < 1) throw new ArgumentException($"shape dimension {d} is not positive.", nameof(Shape));
                    product *= d;
                }
                if (product != Low.Length)
                    throw new ArgumentException($"shape ({string.Join(", ", value)}) holds {product} values; the box has {Low.Length}.", nameof(Shape));
            }
            _shape = value is null ? null : (int[])value.Clone();
        }
    }

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
        other is not null && Low.AsSpan().SequenceEqual(other.Low) && High.AsSpan().SequenceEqual(other.High)
        && (Shape is null ? other.Shape is null : other.Shape is not null && Shape.AsSpan().SequenceEqual(other.Shape));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Low.Length, Low.Length > 0 ? Low[0] : 0f, High.Length > 0 ? High[0] : 0f);

    /// <inheritdoc/>
    public override string ToString() =>
        Low.All(l => l == Low[0]) && High.All(h => h == High[0])
            ? $"Box({Low[0]}, {High[0]}, ({(Shape is null ? Low.Length + "," : string.Join(", ", Shape))}))"
            : $"Box([{string.Join(", ", Low)}], [{string.Join(", ", High)}])";
}
