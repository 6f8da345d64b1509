// Why a message was refused; the serializer counts refusals by this reason for the logs and metrics.
namespace Es.Actors.Wire;

/// <summary>The reason a <see cref="WireException"/> gives, so refusals can be counted by kind rather than by message text.</summary>
public enum WireRefusal
{
    /// <summary>The bytes do not parse: wrong magic, truncated, trailing bytes, invalid field values.</summary>
    Malformed,

    /// <summary>The message was written by a node that speaks another protocol version.</summary>
    Version,

    /// <summary>The message belongs to another run (a stale or misconfigured node shares the server).</summary>
    ForeignRun,

    /// <summary>The message is larger than the configured limit.</summary>
    Oversized,

    /// <summary>The envelope is valid but holds another kind of message than the channel carries.</summary>
    WrongKind,

    /// <summary>The message names a type this protocol does not carry (an unknown manifest).</summary>
    UnknownType,
}
