// Thread-safe counters of refused messages by reason, read by the metrics.
using Es.Actors.Fabric.Wire;

namespace Es.Actors.Fabric.Redis;

/// <summary>How many messages a fabric refused, by <see cref="WireRefusal"/>; a refused message is skipped, never retried.</summary>
public sealed class RefusalCounts
{
    private readonly long[] _counts = new long[Enum.GetValues<WireRefusal>().Length];

    /// <summary>Messages refused for <paramref name="reason"/>.</summary>
    public long this[WireRefusal reason] => Interlocked.Read(ref _counts[(int)reason]);

    /// <summary>Messages refused for any reason.</summary>
    public long Total => _counts.Sum(c => Interlocked.Read(ref c));

    /// <summary>The counts as a dictionary (for metrics files).</summary>
    public IReadOnlyDictionary<WireRefusal, long> ToDictionary() => Enum.GetValues<WireRefusal>().ToDictionary(r => r, r => this[r]);

    internal void Add(WireRefusal reason) => Interlocked.Increment(ref _counts[(int)reason]);
}
