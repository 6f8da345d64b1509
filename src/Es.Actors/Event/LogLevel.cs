// Severity of a log event, ordered so that "at least Warning" is a comparison.
namespace Es.Actors.Event;

/// <summary>Log severities, lowest first.</summary>
public enum LogLevel
{
    /// <summary>Diagnostics for developers of the runtime or of an actor.</summary>
    Debug,

    /// <summary>Noteworthy but normal events.</summary>
    Info,

    /// <summary>Something went wrong without failing an actor (dead letters, unhandled messages).</summary>
    Warning,

    /// <summary>An actor failed, or the runtime could not do what was asked.</summary>
    Error,
}
