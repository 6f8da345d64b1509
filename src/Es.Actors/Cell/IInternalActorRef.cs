// The runtime-side view of an actor ref: it also carries system messages and knows whether it is dead.
using Es.Actors.Dispatch;

namespace Es.Actors.Cell;

/// <summary>What the runtime needs from a ref beyond Tell: system messages and liveness.</summary>
internal interface IInternalActorRef : IActorRef
{
    /// <summary>Enqueues a system message, which is handled even while the actor is suspended.</summary>
    void SendSystemMessage(SystemMessage message);

    /// <summary>True once the actor has stopped for good (its mailbox is closed).</summary>
    bool IsTerminated { get; }
}
