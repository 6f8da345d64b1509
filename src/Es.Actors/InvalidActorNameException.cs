// Thrown synchronously by ActorOf when a child name is malformed or already taken.
namespace Es.Actors;

/// <summary>Reports a malformed or duplicate actor name at the call to ActorOf, so the mistake surfaces where it is made.</summary>
public class InvalidActorNameException : Exception
{
    /// <summary>Creates the exception without details.</summary>
    public InvalidActorNameException() { }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidActorNameException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public InvalidActorNameException(string message, Exception innerException) : base(message, innerException) { }
}
