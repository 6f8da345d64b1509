// Routes continuations of async handlers back onto the actor's mailbox.
using Es.Actors.Dispatch;

namespace Es.Actors.Cell;

/// <summary>
/// Installed while an async handler runs: each continuation is posted back to the actor as a system message, so
/// the code after an <c>await</c> runs on the actor, one piece at a time, with its Context and Sender intact.
/// </summary>
internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) =>
        cell.SelfRef.SendSystemMessage(new AsyncContinuation(d, state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send into an actor would deadlock; use Post.");

    public override SynchronizationContext CreateCopy() => this;
}
