// The system's dead-letters ref: everything sent to it is published, counted and logged as a DeadLetter.
using Es.Actors.Dispatch;
using Es.Actors.Event;

namespace Es.Actors.Cell;

/// <summary>Sink for undeliverable messages; also the "sender" of messages that had none.</summary>
internal sealed class DeadLetterActorRef : IInternalActorRef
{
    private readonly ActorSystem _system;

    public DeadLetterActorRef(ActorSystem system, ActorPath path)
    {
        _system = system;
        Path = path;
    }

    public ActorPath Path { get; }

    /// <summary>Dead letters never lived, so watching it yields Terminated at once.</summary>
    public bool IsTerminated => true;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        _system.PublishDeadLetter(message as DeadLetter ?? new DeadLetter(message, sender ?? this, this));
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Dispatch.Watch w && !ReferenceEquals(w.Watcher, this))
            w.Watcher.SendSystemMessage(new DeathWatchNotification(w.Watchee, ExistenceConfirmed: false));
    }

    public override string ToString() => $"[{Path}]";
}
