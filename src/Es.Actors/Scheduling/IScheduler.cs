// Delayed and periodic message delivery, owned by the actor system.
namespace Es.Actors.Scheduling;

/// <summary>
/// Sends messages later, once or periodically. Schedules are cancelled when the system terminates. Prefer an actor's
/// <c>Timers</c> inside actors: they are also cancelled when the actor stops or restarts.
/// </summary>
public interface IScheduler
{
    /// <summary>Sends <paramref name="message"/> to <paramref name="receiver"/> once after <paramref name="delay"/>.</summary>
    /// <param name="delay">How long to wait; zero sends as soon as possible.</param>
    /// <param name="receiver">The target.</param>
    /// <param name="message">The message.</param>
    /// <param name="sender">The sender seen by the receiver; null means none (replies go to dead letters).</param>
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/> until cancelled.</summary>
    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Runs <paramref name="action"/> once after <paramref name="delay"/> on a thread-pool thread; keep it short and thread-safe.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}
