// The default logger: writes log events at or above the configured level to stderr.
namespace Es.Actors.Event;

/// <summary>Writes log events to stderr; installed by the system unless <see cref="ActorSystemSettings.ConsoleLogger"/> is off.</summary>
internal static class ConsoleLogger
{
    public static IDisposable Install(EventStream stream, LogLevel minimum) =>
        stream.Subscribe<LogEvent>(e =>
        {
            if (e.Level >= minimum) Console.Error.WriteLine(e.ToString());
        });
}
