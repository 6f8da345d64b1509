// The logging facade actors and the runtime write to.
namespace Es.Actors.Event;

/// <summary>
/// Publishes <see cref="LogEvent"/>s on the event stream. Levels below the system's
/// <see cref="ActorSystemSettings.LogLevel"/> are dropped before any event is built.
/// </summary>
public interface ILoggingAdapter
{
    /// <summary>Whether events of <paramref name="level"/> would be published; guard expensive messages with it.</summary>
    bool IsEnabled(LogLevel level);

    /// <summary>Publishes an event of any level.</summary>
    void Log(LogLevel level, Exception? cause, string message);

    /// <summary>Publishes a debug event.</summary>
    void Debug(string message);

    /// <summary>Publishes an info event.</summary>
    void Info(string message);

    /// <summary>Publishes a warning.</summary>
    void Warning(string message);

    /// <summary>Publishes a warning about an exception.</summary>
    void Warning(Exception? cause, string message);

    /// <summary>Publishes an error.</summary>
    void Error(string message);

    /// <summary>Publishes an error about an exception.</summary>
    void Error(Exception? cause, string message);
}
