// The ref of an actor living in this process: a thin handle onto its cell's mailbox.
using Es.Actors.Dispatch;

namespace Es.Actors.Cell;

/// <summary>
/// The ref to an actor of this process. One instance exists per actor incarnation (created by ActorOf), so
/// reference equality is ref equality: a new actor under a reused name is a different ref.
/// </summary>
internal sealed class LocalActorRef : IInternalActorRef
{
    public LocalActorRef(ActorPath path, ActorCell cell)
    {
        Path = path;
        Cell = cell;
    }

    public ActorPath Path { get; }

    public ActorCell Cell { get; }

    public bool IsTerminated => Cell.Mailbox.IsClosed;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Mailbox.Enqueue(new Envelope(message, sender ?? ActorCell.ImplicitSender(Cell.System)));
    }

    public void SendSystemMessage(SystemMessage message) => Cell.Mailbox.SystemEnqueue(message);

    public override string ToString() => $"[{Path}]";
}
