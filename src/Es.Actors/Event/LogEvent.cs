// One log line as published on the event stream.
namespace Es.Actors.Event;

/// <summary>
/// A log entry published on the <see cref="EventStream"/>. Loggers are just subscribers, so tests can assert on
/// (and mute) log output the same way production code ships it elsewhere.
/// </summary>
public sealed class LogEvent
{
    /// <summary>Creates an event stamped with the current time and thread.</summary>
    public LogEvent(LogLevel level, string logSource, string message, Exception? cause = null, object? subject = null)
    {
        Level = level;
        LogSource = logSource;
        Message = message;
        Cause = cause;
        Subject = subject;
        Timestamp = DateTimeOffset.UtcNow;
        ThreadId = Environment.CurrentManagedThreadId;
    }

    /// <summary>Severity.</summary>
    public LogLevel Level { get; }

    /// <summary>Who logged it: usually an actor path, or the system name.</summary>
    public string LogSource { get; }

    /// <summary>The text.</summary>
    public string Message { get; }

    /// <summary>The exception being reported, for failures.</summary>
    public Exception? Cause { get; }

    /// <summary>The event the line is about (e.g. the <see cref="DeadLetter"/>), so listeners can filter on it.</summary>
    public object? Subject { get; }

    /// <summary>When it was logged (UTC).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The managed thread that logged it.</summary>
    public int ThreadId { get; }

    /// <summary>The one-line console form, followed by the exception (with stack trace) when there is one.</summary>
    public override string ToString()
    {
        var level = Level switch
        {
            LogLevel.Debug => "DEBUG",
            LogLevel.Info => "INFO",
            LogLevel.Warning => "WARNING",
            _ => "ERROR",
        };
        var line = $"[{level}][{Timestamp:yyyy-MM-dd HH:mm:ss.fff}][Thread {ThreadId:D4}][{LogSource}] {Message}";
        return Cause is null ? line : $"{line}{Environment.NewLine}{Cause}";
    }
}
