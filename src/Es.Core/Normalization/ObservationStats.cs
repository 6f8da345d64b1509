// Running sums of observations that workers accumulate during rollouts and the master merges,
// from which the observation normalizer's mean and standard deviation are derived.
namespace Es.Core.Normalization;

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Es.Core.Numerics;

/// <summary>
/// Mergeable first and second moments of observations: per-component Σx and Σx² in double
/// precision, and a count. Workers fill one per task from a fraction of their rollouts and send
/// it with the result; the master merges them into the normalizer (evolution-strategies-starter's
/// <c>RunningStat</c>).
/// </summary>
/// <remarks>
/// <para>
/// Floating-point addition is not associative, so the merged bits depend on the merge order
/// (mathematically any grouping gives the same statistics). Merging stats that each hold one
/// observation, in order, reproduces adding the observations directly, bit for bit. For a
/// reproducible run the aggregator therefore merges worker deltas in a fixed order (pair index
/// order), never in arrival order.
/// </para>
/// <para>
/// <see cref="Sum"/> and <see cref="SumSq"/> are exposed as arrays so checkpoints can store them
/// as they are. Instances are not thread-safe.
/// </para>
/// </remarks>
public sealed class ObservationStats
{
    /// <summary>Empty statistics (all sums and the count zero) for observations of <paramref name="size"/> components.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public ObservationStats(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Sum = new double[size];
        SumSq = new double[size];
    }

    /// <summary>Restores statistics from stored arrays (copied, so the caller's arrays stay independent).</summary>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or not finite.</exception>
    public ObservationStats(double[] sum, double[] sumSq, double count)
    {
        ArgumentNullException.ThrowIfNull(sum);
        ArgumentNullException.ThrowIfNull(sumSq);
        if (sum.Length != sumSq.Length)
            throw new ArgumentException($"Sum has {sum.Length} components but SumSq has {sumSq.Length}.", nameof(sumSq));
        if (!double.IsFinite(count) || count < 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "Count must be finite and non-negative.");
        Sum = (double[])sum.Clone();
        SumSq = (double[])sumSq.Clone();
        Count = count;
    }

    /// <summary>Number of components of one observation.</summary>
    public int Size => Sum.Length;

    /// <summary>Per-component sum of the observations.</summary>
    public double[] Sum { get; }

    /// <summary>Per-component sum of the squared observations.</summary>
    public double[] SumSq { get; }

    /// <summary>Number of observations added (fractional when a prior such as the normalizer's ε is included).</summary>
    public double Count { get; private set; }

    /// <summary>
    /// Statistics holding the starter's prior: count ε and Σx² = ε with Σx = 0, i.e. a pseudo-sample
    /// of mean 0 and variance 1 weighing ε, so the normalizer starts as the identity and the first
    /// real observations dominate at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative, or <paramref name="epsilon"/> is not positive and finite.</exception>
    public static ObservationStats WithPrior(int size, double epsilon)
    {
        if (!double.IsFinite(epsilon) || !(epsilon > 0))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The prior weight must be positive and finite.");
        var stats = new ObservationStats(size) { Count = epsilon };
        Array.Fill(stats.SumSq, epsilon);
        return stats;
    }

    /// <summary>Adds one observation.</summary>
    /// <exception cref="ArgumentException"><paramref name="observation"/> does not have <see cref="Size"/> components.</exception>
    public void Add(ReadOnlySpan<float> observation)
    {
        if (observation.Length != Sum.Length)
            throw new ArgumentException($"Observation has {observation.Length} components; the statistics track {Sum.Length}.", nameof(observation));
        AddRows(observation);
    }

    /// <summary>
    /// Adds observations stored one after the other (<paramref name="rows"/> holds a multiple of
    /// <see cref="Size"/> values): <see cref="Add"/> row by row, each component's sums taking the
    /// rows in order, with the sums held in registers, not read back from memory after every row
    /// (a lockstep episode's whole log at once). Four components at a time share one vector,
    /// each lane adding its component's rows in order, so one chain of additions serves them all
    /// (float to double is exact, whichever instruction converts it). The rest go one by one, each
    /// float through <see cref="Conversions.ToDouble"/>: the cast's <c>cvtss2sd</c> would wait for
    /// the previous conversion's register.
    /// </summary>
    internal void AddRows(ReadOnlySpan<float> rows)
    {
        double[] sum = Sum, sumSq = SumSq;
        int size = sum.Length;
        int count = size == 0 ? 0 : rows.Length / size;
        ref float first = ref MemoryMarshal.GetReference(rows);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= size; i += 4)
            {
                var s = Vector256.Create(sum.AsSpan(i, 4));
                var q = Vector256.Create(sumSq.AsSpan(i, 4));
                for (int row = 0, at = i; row < count; row++, at += size)
                {
                    var x = Vector256.WidenLower(Vector128.LoadUnsafe(ref first, (nuint)at).ToVector256Unsafe());
                    s += x;
                    q += x * x;
                }
                s.CopyTo(sum.AsSpan(i, 4));
                q.CopyTo(sumSq.AsSpan(i, 4));
            }
        }
        for (; i < size; i++)
        {
            double s = sum[i], q = sumSq[i];
            for (int row = 0, at = i; row < count; row++, at += size)
            {
                double x = Conversions.ToDouble(Unsafe.Add(ref first, at));
                s += x;
                q += x * x;
            }
            sum[i] = s;
            sumSq[i] = q;
        }
        // One +1 per row, as Add does; for a whole count below 2^53 that is one exact addition.
        double total = Count;
        if (total == Math.Floor(total) && total + count < 9007199254740992.0) total += count;
        else for (int n = count; n > 0; n--) total += 1;
        Count = total;
    }

    /// <summary>Adds <paramref name="other"/>'s sums and count to these (order matters for the bits; see remarks).</summary>
    /// <exception cref="ArgumentException"><paramref name="other"/> tracks a different number of components.</exception>
    public void Merge(ObservationStats other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Size != Size)
            throw new ArgumentException($"Cannot merge statistics of {other.Size} components into {Size}.", nameof(other));
        double[] sum = Sum, sumSq = SumSq, otherSum = other.Sum, otherSumSq = other.SumSq;
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] += otherSum[i];
            sumSq[i] += otherSumSq[i];
        }
        Count += other.Count;
    }

    /// <summary>Resets to empty, keeping the size; a worker reuses one instance across tasks.</summary>
    public void Clear()
    {
        Array.Clear(Sum);
        Array.Clear(SumSq);
        Count = 0;
    }

    /// <summary>An independent deep copy.</summary>
    public ObservationStats Copy() => new(Sum, SumSq, Count);
}
