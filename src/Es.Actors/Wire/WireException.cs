// Raised when bytes from the fabric are not a message this node accepts; the message says exactly why.
namespace Es.Actors.Wire;

/// <summary>
/// A message that was refused: foreign run, other protocol version, oversized, or malformed.
/// Decoding throws only this type, whatever the bytes, so a receiver can refuse, count and go on.
/// </summary>
public sealed class WireException : Exception
{
    /// <summary>Creates the exception without details (a malformed message).</summary>
    public WireException() : this(WireRefusal.Malformed, "malformed message") { }

    /// <summary>Creates the exception for a malformed message.</summary>
    public WireException(string message) : this(WireRefusal.Malformed, message) { }

    /// <summary>Creates the exception for a malformed message, keeping the underlying failure.</summary>
    public WireException(string message, Exception innerException) : this(WireRefusal.Malformed, message, innerException) { }

    /// <summary>Creates the exception with its reason.</summary>
    public WireException(WireRefusal reason, string message, Exception? innerException = null)
        : base(message, innerException) => Reason = reason;

    /// <summary>Why the message was refused.</summary>
    public WireRefusal Reason { get; }
}
