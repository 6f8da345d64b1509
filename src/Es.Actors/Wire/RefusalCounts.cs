// Thread-safe counters of refused messages by reason, read by the metrics.
namespace Es.Actors.Wire;

/// <summary>How many messages were refused, by <see cref="WireRefusal"/>; a refused message is dropped, never retried.</summary>
public sealed class RefusalCounts
{
    private readonly long[] _counts = new long[Enum.GetValues<WireRefusal>().Length];

    /// <summary>Messages refused for <paramref name="reason"/>.</summary>
    public long this[WireRefusal reason] => Interlocked.Read(ref _counts[(int)reason]);

    /// <summary>Messages refused for any reason.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _counts.Length; i++) total += Interlocked.Read(ref _counts[i]);
            return total;
        }
    }

    /// <summary>The counts as a dictionary (for metrics files).</summary>
    public IReadOnlyDictionary<WireRefusal, long> ToDictionary() => Enum.GetValues<WireRefusal>().ToDictionary(r => r, r => this[r]);

    /// <summary>Counts one refusal and returns the new total for that reason.</summary>
    internal long Add(WireRefusal reason) => Interlocked.Increment(ref _counts[(int)reason]);
}
