// Base class of every actor: message handling plus the lifecycle hooks the runtime calls.
using Es.Actors.Cell;
using Es.Actors.Scheduling;

namespace Es.Actors;

/// <summary>
/// Base of all actors. The runtime guarantees one message at a time, so an actor's fields need no locks.
/// Instances are only created by the runtime (through <see cref="Props"/>), which re-creates them on restart.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    /// <summary>Binds the instance to the cell that is creating it.</summary>
    /// <exception cref="ActorInitializationException">The actor was constructed with <c>new</c> outside ActorOf/Props.</exception>
    protected ActorBase()
    {
        _cell = ActorCell.Constructing ?? throw new ActorInitializationException(
            $"Actor {GetType().Name} must be created through Props and ActorOf, not with 'new'.");
    }

    /// <summary>The actor's runtime context (self, sender, children, watch, become...).</summary>
    protected IActorContext Context => _cell;

    /// <summary>Shortcut for <c>Context.Self</c>.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>Shortcut for <c>Context.Sender</c>.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>Timers bound to this actor: cancelled automatically when it stops or restarts.</summary>
    protected ITimerScheduler Timers => _cell.Timers;

    /// <summary>Sets messages aside for later (see <see cref="IStash"/>).</summary>
    protected IStash Stash => _cell;

    /// <summary>Handles one message; returns false when it does not understand it, which makes it unhandled.</summary>
    protected abstract bool Receive(object message);

    /// <summary>Called once the instance exists, before the first message; the place to create children.</summary>
    protected virtual void PreStart() { }

    /// <summary>Called after the actor and all its children stopped; release resources here.</summary>
    protected virtual void PostStop() { }

    /// <summary>
    /// Called on the failing instance before it is replaced. By default it stops all children (they would
    /// otherwise be orphaned by the new instance's PreStart) and calls <see cref="PostStop"/>.
    /// </summary>
    /// <param name="reason">The failure that triggered the restart.</param>
    /// <param name="message">The message being processed when it failed, if any; it is not redelivered.</param>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Called on the fresh instance after a restart; by default runs <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>
    /// Called for messages the current behavior did not handle. The default publishes an
    /// <see cref="Event.UnhandledMessage"/> (and logs it), except for an unhandled <see cref="Terminated"/>
    /// of an actor this one watches, which throws <see cref="DeathPactException"/>.
    /// </summary>
    protected virtual void Unhandled(object message) => _cell.DefaultUnhandled(message);

    /// <summary>
    /// How this actor supervises its children. The default takes the strategy from its props, else Akka's default
    /// (restart on any exception; stop on initialization, kill and death-pact failures).
    /// </summary>
    protected virtual Supervision.SupervisorStrategy SupervisorStrategy() =>
        _cell.Props.SupervisorStrategy ?? Supervision.SupervisorStrategy.DefaultStrategy;

    internal bool ReceiveInternal(object message) => Receive(message);

    internal void PreStartInternal() => PreStart();

    internal void PostStopInternal() => PostStop();

    internal void PreRestartInternal(Exception reason, object? message) => PreRestart(reason, message);

    internal void PostRestartInternal(Exception reason) => PostRestart(reason);

    internal void UnhandledInternal(object message) => Unhandled(message);

    internal Supervision.SupervisorStrategy SupervisorStrategyInternal() => SupervisorStrategy();

    internal ActorCell Cell => _cell;
}
