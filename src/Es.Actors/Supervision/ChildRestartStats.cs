// A child's restart budget: how many restarts it has used within the current time window.
namespace Es.Actors.Supervision;

/// <summary>Counts restarts of one child so a strategy can stop a child that keeps failing (Akka's ChildRestartStats).</summary>
internal sealed class ChildRestartStats(IActorRef child)
{
    private int _retriesCount;
    private long _windowStart; // Stopwatch timestamp; 0 means no window opened yet

    public IActorRef Child { get; } = child;

    /// <summary>
    /// Akka.NET's rule: 0 retries never restarts; a negative count with no window always restarts; with a window,
    /// at most <paramref name="maxNrOfRetries"/> (1 if negative) restarts within it, the window restarting once it has passed.
    /// </summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? withinTimeRange)
    {
        if (maxNrOfRetries == 0) return false;
        var retriesDefined = maxNrOfRetries > 0;
        var window = withinTimeRange is { } w && w > TimeSpan.Zero && w != Timeout.InfiniteTimeSpan ? w : (TimeSpan?)null;
        if (window is null)
        {
            if (!retriesDefined) return true;
            _retriesCount++;
            return _retriesCount <= maxNrOfRetries;
        }
        return RetriesInWindowOkay(retriesDefined ? maxNrOfRetries : 1, window.Value);
    }

    private bool RetriesInWindowOkay(int retries, TimeSpan window)
    {
        var retriesDone = _retriesCount + 1;
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (_windowStart == 0) _windowStart = now;
        if (System.Diagnostics.Stopwatch.GetElapsedTime(_windowStart, now) <= window)
        {
            _retriesCount = retriesDone;
            return retriesDone <= retries;
        }
        _retriesCount = 1;
        _windowStart = now;
        return true;
    }
}
