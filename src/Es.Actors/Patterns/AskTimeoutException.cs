// The failure of an Ask that got no reply in time.
namespace Es.Actors.Patterns;

/// <summary>An Ask got no reply within its timeout (or its target was already dead); the message names both.</summary>
public class AskTimeoutException : TimeoutException
{
    /// <summary>Creates the exception without details.</summary>
    public AskTimeoutException() { }

    /// <summary>Creates the exception with a message.</summary>
    public AskTimeoutException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public AskTimeoutException(string message, Exception innerException) : base(message, innerException) { }
}
