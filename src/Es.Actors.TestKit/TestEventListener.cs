// The test kit's logger: applies active event filters, and writes everything else to stderr.
using Es.Actors.Event;

namespace Es.Actors.TestKit;

/// <summary>
/// Replaces the system's console logger under test (as Akka's TestEventListener does): log events matched by an
/// active filter are counted and muted, the rest go to stderr as usual.
/// </summary>
internal sealed class TestEventListener : IDisposable
{
    private readonly object _lock = new();
    private readonly IDisposable _logs;
    private readonly IDisposable _deadLetters;
    private readonly LogLevel _minimum;
    private ActiveFilter[] _filters = [];

    public TestEventListener(EventStream stream, LogLevel minimum)
    {
        _minimum = minimum;
        _logs = stream.Subscribe<LogEvent>(OnLog);
        _deadLetters = stream.Subscribe<DeadLetter>(OnDeadLetter);
    }

    public void Add(ActiveFilter filter)
    {
        lock (_lock) _filters = [.. _filters, filter];
    }

    public void Remove(ActiveFilter filter)
    {
        lock (_lock) _filters = _filters.Where(f => !ReferenceEquals(f, filter)).ToArray();
    }

    public void Dispose()
    {
        _logs.Dispose();
        _deadLetters.Dispose();
    }

    private void OnLog(LogEvent e)
    {
        var muted = false;
        foreach (var filter in Volatile.Read(ref _filters)) muted |= filter.MatchLog(e);
        if (!muted && e.Level >= _minimum) Console.Error.WriteLine(e.ToString());
    }

    private void OnDeadLetter(DeadLetter d)
    {
        foreach (var filter in Volatile.Read(ref _filters)) filter.MatchDeadLetter(d);
    }
}
