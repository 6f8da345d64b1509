// Thrown when an actor watches another but does not handle the resulting Terminated message.
namespace Es.Actors;

/// <summary>
/// An actor that watches another and leaves its <see cref="Terminated"/> unhandled has made a "death pact":
/// it fails with this exception, which the default strategy answers with Stop.
/// </summary>
public class DeathPactException : Exception
{
    /// <summary>Creates the exception without details.</summary>
    public DeathPactException() { }

    /// <summary>Creates the exception with a message.</summary>
    public DeathPactException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public DeathPactException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for the actor whose termination went unhandled.</summary>
    public DeathPactException(IActorRef deadActor)
        : base($"Monitored actor [{deadActor.Path}] terminated and its Terminated message was not handled") => DeadActor = deadActor;

    /// <summary>The watched actor that terminated.</summary>
    public IActorRef? DeadActor { get; }
}
