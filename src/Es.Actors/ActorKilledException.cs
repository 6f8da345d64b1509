// Thrown by an actor that received Kill; the default strategy stops it.
namespace Es.Actors;

/// <summary>The failure an actor raises on receiving <see cref="Kill"/>, so that its supervisor decides its fate.</summary>
public class ActorKilledException : Exception
{
    /// <summary>Creates the exception without details.</summary>
    public ActorKilledException() : base("Kill") { }

    /// <summary>Creates the exception with a message.</summary>
    public ActorKilledException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ActorKilledException(string message, Exception innerException) : base(message, innerException) { }
}
