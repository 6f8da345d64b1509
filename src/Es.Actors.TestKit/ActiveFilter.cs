// One event filter while it is in force: what it matches and how often it matched.
using Es.Actors.Event;

namespace Es.Actors.TestKit;

/// <summary>A filter registered with the listener: counts matching events and mutes their log lines.</summary>
internal sealed class ActiveFilter(Func<LogEvent, bool>? logMatch, Func<DeadLetter, bool>? deadLetterMatch)
{
    private readonly object _lock = new();
    private int _count;

    public int Count
    {
        get
        {
            lock (_lock) return _count;
        }
    }

    /// <summary>True when the log event must be muted; counts it when it is what the filter looks for.</summary>
    public bool MatchLog(LogEvent e)
    {
        if (logMatch is not null && logMatch(e))
        {
            Increment();
            return true;
        }
        return deadLetterMatch is not null && e.Subject is DeadLetter d && deadLetterMatch(d);
    }

    public void MatchDeadLetter(DeadLetter d)
    {
        if (deadLetterMatch is not null && deadLetterMatch(d)) Increment();
    }

    /// <summary>Waits until at least <paramref name="occurrences"/> events matched.</summary>
    public bool WaitFor(int occurrences, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_lock)
        {
            while (_count < occurrences)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return false;
                Monitor.Wait(_lock, left);
            }
            return true;
        }
    }

    private void Increment()
    {
        lock (_lock)
        {
            _count++;
            Monitor.PulseAll(_lock);
        }
    }
}
