// Well-known refs: "no sender" and "nobody", as in Akka's ActorRefs.
using Es.Actors.Cell;

namespace Es.Actors;

/// <summary>Well-known refs that stand for "no actor".</summary>
public static class ActorRefs
{
    /// <summary>
    /// Pass as sender to mean "use the implicit sender"; replies to a message without any sender go to dead letters.
    /// It is null, as in Akka.NET.
    /// </summary>
    public static readonly IActorRef? NoSender;

    /// <summary>A ref that belongs to no system: everything sent to it becomes a dead letter of its own and is logged.</summary>
    public static IActorRef Nobody => NobodyRef.Instance;
}
