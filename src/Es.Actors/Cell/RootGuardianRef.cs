// The parent of the /user guardian: turns the guardian's death into the system's termination.
using Es.Actors.Dispatch;

namespace Es.Actors.Cell;

/// <summary>
/// Top of the hierarchy (a ref, not an actor). It stops the /user guardian if it ever fails, and completes the
/// system's termination once the guardian (and so every user actor) has stopped.
/// </summary>
internal sealed class RootGuardianRef : IInternalActorRef
{
    private readonly ActorSystem _system;

    public RootGuardianRef(ActorSystem system, ActorPath path)
    {
        _system = system;
        Path = path;
    }

    public ActorPath Path { get; }

    public bool IsTerminated => _system.WhenTerminated.IsCompleted;

    public void Tell(object message, IActorRef? sender = null) => _system.DeadLetters.Tell(message, sender);

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed f:
                _system.EmitLog(Event.LogLevel.Error, f.Child.Path.ToString(), f.Cause, "The user guardian failed; stopping the actor system.");
                ((IInternalActorRef)f.Child).SendSystemMessage(Dispatch.Terminate.Instance);
                break;
            case DeathWatchNotification:
                _system.OnGuardianTerminated();
                break;
        }
    }

    public override string ToString() => $"[{Path}]";
}
