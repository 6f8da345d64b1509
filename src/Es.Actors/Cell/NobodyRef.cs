// ActorRefs.Nobody: a ref to no actor in any system.
using Es.Actors.Dispatch;
using Es.Actors.Event;

namespace Es.Actors.Cell;

/// <summary>
/// A ref that belongs to no system. A message sent to it becomes a dead letter of the sender's system (or, from
/// outside any actor and without an actor sender, a warning on stderr), so it is never lost silently.
/// </summary>
internal sealed class NobodyRef : IInternalActorRef
{
    public static readonly NobodyRef Instance = new();

    private NobodyRef() { }

    public ActorPath Path { get; } = ActorPath.Root("nobody");

    public bool IsTerminated => true;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var system = (sender as LocalActorRef)?.Cell.System ?? ActorCell.Current?.System;
        if (system is not null) system.PublishDeadLetter(new DeadLetter(message, sender ?? system.DeadLetters, this));
        else Console.Error.WriteLine($"[WARNING][{Path}] Message [{message.GetType().Name}] sent to Nobody was not delivered.");
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Dispatch.Watch w && !ReferenceEquals(w.Watcher, this))
            w.Watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: false));
    }

    public override string ToString() => "[Nobody]";
}
