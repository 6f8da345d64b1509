// The handle through which everything talks to an actor: the only thing callers ever hold.
namespace Es.Actors;

/// <summary>
/// An immutable, thread-safe handle to an actor. Callers never touch an actor instance; they send it
/// messages through its ref, which stays valid (and comparable) across restarts of that actor.
/// </summary>
public interface IActorRef
{
    /// <summary>The actor's place in the hierarchy, used in logs, dead letters and routing diagnostics.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Enqueues <paramref name="message"/> for the actor and returns at once (fire and forget).
    /// </summary>
    /// <param name="message">Any non-null object; messages should be immutable because they cross threads.</param>
    /// <param name="sender">
    /// Where replies go. When null the sender is implicit, as in Akka: the current actor's Self when called
    /// from inside an actor, otherwise the system's implicit external sender (the test kit's TestActor) or,
    /// failing that, no sender (replies become dead letters).
    /// </param>
    void Tell(object message, IActorRef? sender = null);
}
