// Entry point of event filters: EventFilter.Exception<T>(...).Expect(() => ...).
using Es.Actors.Event;

namespace Es.Actors.TestKit;

/// <summary>
/// Builds filters that assert that certain log events (or dead letters) happen while a block runs, and keep them out of
/// the test output. Available as <c>EventFilter</c> on the <see cref="TestKit"/>.
/// </summary>
public sealed class EventFilterFactory
{
    private readonly TestKitContext _context;
    private readonly TestEventListener _listener;

    internal EventFilterFactory(TestKitContext context, TestEventListener listener)
    {
        _context = context;
        _listener = listener;
    }

    /// <summary>Logged exceptions of type <typeparamref name="TException"/> (or derived), e.g. actor failures.</summary>
    /// <param name="contains">When set, the exception's message or the log message must contain it.</param>
    /// <param name="occurrences">How many are expected by <see cref="EventFilterApplier.Expect(Action)"/>.</param>
    public EventFilterApplier Exception<TException>(string? contains = null, int occurrences = 1) where TException : Exception =>
        Log($"exception {typeof(TException).Name}{Containing(contains)}", occurrences,
            e => e.Cause is TException && (contains is null || e.Message.Contains(contains) || e.Cause.Message.Contains(contains)));

    /// <summary>Error log events whose message contains <paramref name="contains"/> (any when null).</summary>
    public EventFilterApplier Error(string? contains = null, int occurrences = 1) => Level(LogLevel.Error, contains, occurrences);

    /// <summary>Warning log events whose message contains <paramref name="contains"/> (any when null).</summary>
    public EventFilterApplier Warning(string? contains = null, int occurrences = 1) => Level(LogLevel.Warning, contains, occurrences);

    /// <summary>Info log events whose message contains <paramref name="contains"/> (any when null); needs LogLevel Info.</summary>
    public EventFilterApplier Info(string? contains = null, int occurrences = 1) => Level(LogLevel.Info, contains, occurrences);

    /// <summary>Dead letters whose message is a <typeparamref name="TMessage"/> (and satisfies <paramref name="isMatch"/>); their warnings are muted.</summary>
    public EventFilterApplier DeadLetter<TMessage>(Predicate<TMessage>? isMatch = null, int occurrences = 1) =>
        new(_context, _listener, $"dead letter of {typeof(TMessage).Name}", occurrences,
            () => new ActiveFilter(null, d => d.Message is TMessage m && (isMatch is null || isMatch(m))));

    private EventFilterApplier Level(LogLevel level, string? contains, int occurrences) =>
        Log($"{level} log event{Containing(contains)}", occurrences,
            e => e.Level == level && (contains is null || e.Message.Contains(contains)));

    private EventFilterApplier Log(string description, int occurrences, Func<LogEvent, bool> match) =>
        new(_context, _listener, description, occurrences, () => new ActiveFilter(match, null));

    private static string Containing(string? contains) => contains is null ? "" : $" containing \"{contains}\"";
}
