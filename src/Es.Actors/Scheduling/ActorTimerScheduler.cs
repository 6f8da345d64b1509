// The ITimerScheduler of one actor cell, built on the system scheduler.
using Es.Actors.Cell;

namespace Es.Actors.Scheduling;

/// <summary>Keeps the actor's timers by key, with a generation number that filters out stale firings.</summary>
internal sealed class ActorTimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Timer> _timers = [];
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer)) timer.Task.Cancel();
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values) timer.Task.Cancel();
        _timers.Clear();
    }

    /// <summary>Called by the cell when a TimerMessage arrives: the user message, if the timer is still current.</summary>
    public bool TryTake(TimerMessage fired, out object message)
    {
        if (ReferenceEquals(fired.Owner, this) && _timers.TryGetValue(fired.Key, out var timer) && timer.Generation == fired.Generation)
        {
            if (!timer.Repeated) _timers.Remove(fired.Key);
            message = timer.Message;
            return true;
        }
        message = null!;
        return false;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var generation = ++_generation;
        var fired = new TimerMessage(key, generation, this);
        var task = interval is { } i
            ? cell.System.Scheduler.ScheduleTellRepeatedly(delay, i, cell.Self, fired, cell.Self)
            : cell.System.Scheduler.ScheduleTellOnce(delay, cell.Self, fired, cell.Self);
        _timers[key] = new Timer(message, generation, interval is not null, task);
    }

    private sealed record Timer(object Message, int Generation, bool Repeated, ICancelable Task);
}
