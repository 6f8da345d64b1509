// Named timers owned by one actor.
namespace Es.Actors.Scheduling;

/// <summary>
/// Timers bound to an actor (its <c>Timers</c> property). Each has a key; starting a timer with a key in use replaces
/// it, and a replaced or cancelled timer's message is not delivered even if it was already queued. All timers are
/// cancelled when the actor stops or restarts. Use only from the actor itself.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> to the actor once after <paramref name="delay"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>Sends <paramref name="message"/> to the actor every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>Whether a timer with this key is pending.</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with this key, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels all timers of the actor.</summary>
    void CancelAll();
}
