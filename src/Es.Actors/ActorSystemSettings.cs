// Tunables of an actor system: mailbox throughput and logging.
using Es.Actors.Event;

namespace Es.Actors;

/// <summary>
/// Settings of one <see cref="ActorSystem"/>. There is deliberately no default ask timeout: every Ask names its own.
/// </summary>
public sealed record ActorSystemSettings
{
    /// <summary>The defaults: throughput 30, warnings and errors logged to stderr.</summary>
    public static ActorSystemSettings Default { get; } = new();

    /// <summary>
    /// How many user messages an actor processes per turn on a thread-pool thread before yielding it to others
    /// (fairness versus scheduling overhead).
    /// </summary>
    public int Throughput { get; init; } = 30;

    /// <summary>Log events below this level are not even published, so disabled logging costs almost nothing.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Whether the default console logger writes published log events to stderr (the test kit turns it off and logs itself).</summary>
    public bool ConsoleLogger { get; init; } = true;
}
