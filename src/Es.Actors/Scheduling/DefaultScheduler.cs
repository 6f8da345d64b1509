// The system scheduler: one System.Threading.Timer per schedule, all cancelled at system shutdown.
using System.Collections.Concurrent;
using Es.Actors.Event;

namespace Es.Actors.Scheduling;

/// <summary>
/// Timer-per-schedule implementation. Millisecond-level precision, no hashed wheel: EsAkka schedules few,
/// coarse things (heartbeats, timeouts), and each entry is cheap to cancel.
/// </summary>
internal sealed class DefaultScheduler : IScheduler
{
    private readonly ConcurrentDictionary<Entry, byte> _active = new();
    private readonly ActorSystem _system;
    private volatile bool _shutdown;

    public DefaultScheduler(ActorSystem system) => _system = system;

    /// <summary>Schedules not yet fired or cancelled (lets tests check that timers were cleaned up).</summary>
    public int ActiveCount => _active.Count;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        var from = sender ?? _system.DeadLetters;
        return Schedule(delay, null, () => receiver.Tell(message, from));
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        if (interval <= TimeSpan.Zero || interval == Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be positive and finite.");
        var from = sender ?? _system.DeadLetters;
        return Schedule(initialDelay, interval, () => receiver.Tell(message, from));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Schedule(delay, null, action);
    }

    /// <summary>Cancels everything; later schedules are accepted but never fire.</summary>
    public void Shutdown()
    {
        _shutdown = true;
        foreach (var entry in _active.Keys) entry.Cancel();
    }

    private Entry Schedule(TimeSpan delay, TimeSpan? interval, Action action)
    {
        if (delay < TimeSpan.Zero || delay == Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay must be non-negative and finite.");
        var entry = new Entry(this, action, interval is not null);
        if (_shutdown)
        {
            entry.Cancel();
            return entry;
        }
        _active.TryAdd(entry, 0);
        entry.Start(delay, interval ?? Timeout.InfiniteTimeSpan);
        return entry;
    }

    private void Run(Entry entry, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            _system.EmitLog(LogLevel.Error, "scheduler", e, $"A scheduled action failed: {e.Message}");
        }
    }

    private sealed class Entry : ICancelable
    {
        private readonly DefaultScheduler _owner;
        private readonly Action _action;
        private readonly bool _repeated;
        private readonly object _gate = new();
        private Timer? _timer;
        private int _cancelled;

        public Entry(DefaultScheduler owner, Action action, bool repeated)
        {
            _owner = owner;
            _action = action;
            _repeated = repeated;
        }

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) == 1;

        public void Start(TimeSpan delay, TimeSpan period)
        {
            var timer = new Timer(static s => ((Entry)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Volatile.Write(ref _timer, timer);
            if (IsCancellationRequested) timer.Dispose();
            else timer.Change(delay, period);
        }

        public void Cancel() => TryRetire();

        /// <summary>Marks the entry cancelled; true only for the one caller that did it.</summary>
        private bool TryRetire()
        {
            // Taken with Fire's gate: once Cancel returns, a repeated delivery cannot still be on its way.
            lock (_gate)
            {
                if (Interlocked.Exchange(ref _cancelled, 1) == 1) return false;
            }
            Volatile.Read(ref _timer)?.Dispose();
            _owner._active.TryRemove(this, out _);
            return true;
        }

        private void Fire()
        {
            if (!_repeated)
            {
                // One-shot: retire before running, so a Cancel racing with the timer either wins or is a no-op.
                if (TryRetire()) _owner.Run(this, _action);
                return;
            }
            // Repeated actions are tells (cheap); running them under the gate makes cancel-then-deliver impossible.
            lock (_gate)
            {
                if (IsCancellationRequested) return;
                _owner.Run(this, _action);
            }
        }
    }
}
