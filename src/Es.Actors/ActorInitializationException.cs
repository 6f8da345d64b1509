// Raised when an actor cannot be built: its factory, constructor, PreStart or PostRestart threw.
namespace Es.Actors;

/// <summary>
/// Wraps a failure while creating (or re-creating) an actor. The default supervisor strategy stops the actor
/// instead of restarting it, because a constructor that fails once will usually fail again.
/// </summary>
public class ActorInitializationException : Exception
{
    /// <summary>Creates the exception without details.</summary>
    public ActorInitializationException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ActorInitializationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the original failure.</summary>
    public ActorInitializationException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a given actor, keeping the original failure as the inner exception.</summary>
    public ActorInitializationException(IActorRef? actor, string message, Exception? innerException)
        : base(message, innerException) => Actor = actor;

    /// <summary>The actor that failed to initialize, when known.</summary>
    public IActorRef? Actor { get; }
}
