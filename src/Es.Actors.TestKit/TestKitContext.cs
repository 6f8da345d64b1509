// Timing state shared by a test kit and its probes: settings plus the deadline of the enclosing Within block.
using System.Diagnostics;

namespace Es.Actors.TestKit;

/// <summary>
/// Shared by a <see cref="TestKit"/> and all its probes, so that a <c>Within</c> block bounds every expectation inside
/// it, whichever probe it is made on. The deadline is async-local, so it follows an async block across awaits.
/// </summary>
internal sealed class TestKitContext(TestKitSettings settings)
{
    private readonly AsyncLocal<long?> _deadline = new(); // Stopwatch timestamp
    private int _probeNumber;

    public TestKitSettings Settings { get; } = settings;

    /// <summary>Time left in the innermost Within block, or null outside any.</summary>
    public TimeSpan? Remaining
    {
        get
        {
            if (_deadline.Value is not { } deadline) return null;
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public int NextProbeNumber() => Interlocked.Increment(ref _probeNumber);

    /// <summary>The timeout for an expectation: the dilated duration (or default), capped by any enclosing Within.</summary>
    public TimeSpan RemainingOrDilated(TimeSpan? duration)
    {
        var dilated = Settings.Dilated(duration ?? Settings.DefaultTimeout);
        return Remaining is { } left && left < dilated ? left : dilated;
    }

    public void Within(TimeSpan max, Action action)
    {
        var (dilated, start, previous) = Enter(max);
        try { action(); }
        finally { _deadline.Value = previous; }
        Check(max, dilated, start);
    }

    public async Task WithinAsync(TimeSpan max, Func<Task> action)
    {
        var (dilated, start, previous) = Enter(max);
        try { await action().ConfigureAwait(false); }
        finally { _deadline.Value = previous; }
        Check(max, dilated, start);
    }

    public string Describe(TimeSpan timeout) =>
        Settings.TimeFactor == 1.0 ? $"{timeout.TotalSeconds:0.###} s" : $"{timeout.TotalSeconds:0.###} s (time factor {Settings.TimeFactor})";

    private (TimeSpan Dilated, long Start, long? Previous) Enter(TimeSpan max)
    {
        if (max <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(max), max, "Within needs a positive duration.");
        var dilated = Settings.Dilated(max);
        var start = Stopwatch.GetTimestamp();
        var previous = _deadline.Value;
        var end = start + (long)(dilated.TotalSeconds * Stopwatch.Frequency);
        _deadline.Value = previous is { } p && p < end ? p : end;
        return (dilated, start, previous);
    }

    private void Check(TimeSpan max, TimeSpan dilated, long start)
    {
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (elapsed > dilated)
            throw new TestKitAssertionException(
                $"Within({max.TotalSeconds:0.###} s): the block took {elapsed.TotalSeconds:0.###} s, more than the allowed {Describe(dilated)}.");
    }
}
