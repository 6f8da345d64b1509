// Runs a block under an event filter and checks how many matching events occurred.
namespace Es.Actors.TestKit;

/// <summary>
/// A configured filter, ready to apply: <see cref="Expect(Action)"/> runs the block, waits (up to the dilated default
/// timeout, or the enclosing Within) for the expected number of matching events, and fails if fewer or more occurred.
/// Matching log lines are muted while the filter is in force.
/// </summary>
public sealed class EventFilterApplier
{
    private readonly TestKitContext _context;
    private readonly TestEventListener _listener;
    private readonly string _description;
    private readonly int _occurrences;
    private readonly Func<ActiveFilter> _create;

    internal EventFilterApplier(TestKitContext context, TestEventListener listener, string description, int occurrences, Func<ActiveFilter> create)
    {
        if (occurrences < 0) throw new ArgumentOutOfRangeException(nameof(occurrences), occurrences, "Occurrences must not be negative.");
        _context = context;
        _listener = listener;
        _description = description;
        _occurrences = occurrences;
        _create = create;
    }

    /// <summary>Runs <paramref name="action"/> and expects the configured number of occurrences.</summary>
    public void Expect(Action action) => Expect(_occurrences, action);

    /// <summary>Runs <paramref name="action"/> and expects exactly one occurrence.</summary>
    public void ExpectOne(Action action) => Expect(1, action);

    /// <summary>Runs <paramref name="action"/> and expects exactly <paramref name="occurrences"/> occurrences.</summary>
    public void Expect(int occurrences, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var filter = _create();
        _listener.Add(filter);
        try
        {
            action();
            Verify(filter, occurrences);
        }
        finally
        {
            _listener.Remove(filter);
        }
    }

    /// <summary>Async form of <see cref="Expect(Action)"/>.</summary>
    public Task ExpectAsync(Func<Task> action) => ExpectAsync(_occurrences, action);

    /// <summary>Async form of <see cref="Expect(int, Action)"/>.</summary>
    public async Task ExpectAsync(int occurrences, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var filter = _create();
        _listener.Add(filter);
        try
        {
            await action().ConfigureAwait(false);
            Verify(filter, occurrences);
        }
        finally
        {
            _listener.Remove(filter);
        }
    }

    /// <summary>Mutes matching events (without asserting anything) until the result is disposed.</summary>
    public IDisposable Mute()
    {
        var filter = _create();
        _listener.Add(filter);
        return new Unmute(_listener, filter);
    }

    private void Verify(ActiveFilter filter, int occurrences)
    {
        var timeout = _context.RemainingOrDilated(null);
        if (occurrences > 0 && !filter.WaitFor(occurrences, timeout))
            throw new TestKitAssertionException(
                $"EventFilter: expected {occurrences} {_description} but {filter.Count} occurred within {_context.Describe(timeout)}.");
        if (filter.Count > occurrences)
            throw new TestKitAssertionException($"EventFilter: expected {occurrences} {_description} but {filter.Count} occurred.");
    }

    private sealed class Unmute(TestEventListener listener, ActiveFilter filter) : IDisposable
    {
        public void Dispose() => listener.Remove(filter);
    }
}
