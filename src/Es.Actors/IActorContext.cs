// What an actor may do about itself while it runs: the Akka "Context".
using Es.Actors.Event;
using Es.Actors.Scheduling;

namespace Es.Actors;

/// <summary>
/// The actor's view of the runtime. Only use it from the actor's own thread (inside Receive, lifecycle hooks and
/// async handlers awaited without ConfigureAwait(false)); it is not thread-safe by design, like Akka's.
/// </summary>
public interface IActorContext
{
    /// <summary>This actor's own ref, stable across restarts.</summary>
    IActorRef Self { get; }

    /// <summary>Sender of the message being processed; dead letters when it had none.</summary>
    IActorRef Sender { get; }

    /// <summary>The supervisor of this actor.</summary>
    IActorRef Parent { get; }

    /// <summary>A snapshot of the children, including ones that are stopping but not yet gone.</summary>
    IReadOnlyList<IActorRef> Children { get; }

    /// <summary>The system this actor lives in.</summary>
    ActorSystem System { get; }

    /// <summary>The props this actor was created from.</summary>
    Props Props { get; }

    /// <summary>The system scheduler, for delayed or periodic messages that need no actor lifecycle binding.</summary>
    IScheduler Scheduler { get; }

    /// <summary>A logger whose events carry this actor's path as their source.</summary>
    ILoggingAdapter Log { get; }

    /// <summary>Creates and starts a child, supervised by this actor.</summary>
    /// <exception cref="InvalidActorNameException">The name is malformed or taken by a live or stopping child.</exception>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>The child with that name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    /// <summary>
    /// Stops a child (or this actor itself). It is a system message: it overtakes messages already queued, and the
    /// actor finishes only the message it is processing; its children stop first, then its PostStop runs.
    /// </summary>
    void Stop(IActorRef actor);

    /// <summary>Subscribes to the termination of <paramref name="subject"/>; a <see cref="Terminated"/> message follows, even if it is already dead.</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Cancels a watch; a <see cref="Terminated"/> already queued for that actor is dropped.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces (or, with <paramref name="discardOld"/> false, stacks on top of) the current behavior.</summary>
    void Become(Func<object, bool> receive, bool discardOld = true);

    /// <summary>Reverts to the previous behavior; with nothing stacked, back to the actor's Receive.</summary>
    void Unbecome();

    /// <summary>Sends <see cref="ReceiveTimeout"/> after this much inactivity; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>The receive timeout in force, if any.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>Sends the current message on to <paramref name="target"/> keeping its original sender.</summary>
    void Forward(IActorRef target);
}
