// The ILoggingAdapter that publishes to an actor system's event stream.
namespace Es.Actors.Event;

/// <summary>Logs by publishing on the event stream, tagging each event with a fixed source (an actor path or the system).</summary>
internal sealed class BusLogging : ILoggingAdapter
{
    private readonly EventStream _stream;
    private readonly string _source;
    private readonly LogLevel _minimum;

    public BusLogging(EventStream stream, string source, LogLevel minimum)
    {
        _stream = stream;
        _source = source;
        _minimum = minimum;
    }

    public bool IsEnabled(LogLevel level) => level >= _minimum;

    public void Log(LogLevel level, Exception? cause, string message) => Log(level, cause, message, null);

    public void Log(LogLevel level, Exception? cause, string message, object? subject)
    {
        if (IsEnabled(level)) _stream.Publish(new LogEvent(level, _source, message, cause, subject));
    }

    public void Debug(string message) => Log(LogLevel.Debug, null, message);

    public void Info(string message) => Log(LogLevel.Info, null, message);

    public void Warning(string message) => Log(LogLevel.Warning, null, message);

    public void Warning(Exception? cause, string message) => Log(LogLevel.Warning, cause, message);

    public void Error(string message) => Log(LogLevel.Error, null, message);

    public void Error(Exception? cause, string message) => Log(LogLevel.Error, cause, message);
}
