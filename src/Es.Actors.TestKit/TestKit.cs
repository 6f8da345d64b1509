// Base class of actor tests under xunit: one actor system per test, an implicit probe, timing helpers.
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Es.Actors.TestKit;

/// <summary>
/// Derive test classes from it: xunit creates one instance per test, so each test owns a fresh <see cref="Sys"/>,
/// shut down when the test is disposed. Messages told from the test thread without a sender come from
/// <see cref="TestActor"/>, whose queue the Expect methods read (Akka's implicit sender).
/// </summary>
public partial class TestKit : IDisposable, IAsyncDisposable
{
    private readonly TestKitContext _context;
    private readonly TestEventListener _listener;
    private readonly TestProbe _testProbe;
    private int _disposed;

    /// <summary>Starts the system under test.</summary>
    /// <param name="settings">System settings; its console logger is replaced by the test kit's filtering logger.</param>
    /// <param name="systemName">Defaults to the test class name.</param>
    /// <param name="timeFactor">Overrides <c>ES_TEST_TIMEFACTOR</c>.</param>
    public TestKit(ActorSystemSettings? settings = null, string? systemName = null, double? timeFactor = null)
    {
        TestKitSettings = new TestKitSettings(timeFactor);
        _context = new TestKitContext(TestKitSettings);
        var systemSettings = (settings ?? ActorSystemSettings.Default) with { ConsoleLogger = false };
        Sys = ActorSystem.Create(systemName ?? SystemNameFor(GetType()), systemSettings);
        _listener = new TestEventListener(Sys.EventStream, systemSettings.LogLevel);
        EventFilter = new EventFilterFactory(_context, _listener);
        _testProbe = new TestProbe(Sys, _context, "testActor");
        Sys.ExternalImplicitSender = _testProbe.Ref;
    }

    /// <summary>The actor system of this test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>Timing settings (time factor, default timeout).</summary>
    public TestKitSettings TestKitSettings { get; }

    /// <summary>The implicit probe's actor: the sender of Tells from the test thread, read by the kit's Expect methods.</summary>
    public IActorRef TestActor => _testProbe.Ref;

    /// <summary>Sender of the last message the implicit probe took.</summary>
    public IActorRef LastSender => _testProbe.Sender;

    /// <summary>Asserts on (and mutes) log events and dead letters, e.g. <c>EventFilter.Exception&lt;T&gt;().ExpectOne(...)</c>.</summary>
    public EventFilterFactory EventFilter { get; }

    /// <summary>Time left in the enclosing <c>Within</c> block, or the dilated default timeout outside one.</summary>
    public TimeSpan RemainingOrDefault => _context.RemainingOrDilated(null);

    /// <summary>Creates another probe in the test's system.</summary>
    public TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, _context, name ?? $"testProbe{_context.NextProbeNumber()}");

    /// <summary>Creates a top-level actor in the test's system.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    /// <summary>Scales <paramref name="duration"/> by the time factor.</summary>
    public TimeSpan Dilated(TimeSpan duration) => TestKitSettings.Dilated(duration);

    /// <summary>
    /// Runs <paramref name="action"/> and fails if it takes longer than <paramref name="max"/> (dilated); expectations
    /// inside get at most the remaining time.
    /// </summary>
    public void Within(TimeSpan max, Action action) => _context.Within(max, action);

    /// <summary>Like <see cref="Within(TimeSpan, Action)"/> returning the block's result.</summary>
    public T Within<T>(TimeSpan max, Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        T result = default!;
        _context.Within(max, () => result = function());
        return result;
    }

    /// <summary>Async form of <see cref="Within(TimeSpan, Action)"/>.</summary>
    public Task Within(TimeSpan max, Func<Task> action) => _context.WithinAsync(max, action);

    /// <summary>
    /// Retries <paramref name="assertion"/> every <paramref name="interval"/> (100 ms) until it passes, rethrowing its
    /// last failure after <paramref name="duration"/> (dilated; default timeout when null).
    /// </summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var max = _context.RemainingOrDilated(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (Stopwatch.GetElapsedTime(start) < max)
            {
                Thread.Sleep(Min(pause, max - Stopwatch.GetElapsedTime(start)));
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> every <paramref name="interval"/> (100 ms) until it holds, failing after <paramref name="duration"/> (dilated).</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? duration = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var max = _context.RemainingOrDilated(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        var start = Stopwatch.GetTimestamp();
        while (!condition())
        {
            var left = max - Stopwatch.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
                throw new TestKitAssertionException($"AwaitCondition: {message ?? "the condition"} did not hold within {_context.Describe(max)}.");
            Thread.Sleep(Min(pause, left));
        }
    }

    /// <summary>Terminates the test's system, waiting up to 10 s (dilated).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the test's system without blocking a thread.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await Task.WhenAny(Sys.Terminate(), Task.Delay(Dilated(TimeSpan.FromSeconds(10)))).ConfigureAwait(false);
            _listener.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Shuts the system down; override to release more, calling the base.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing || Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (!Sys.Terminate().Wait(Dilated(TimeSpan.FromSeconds(10))))
            Console.Error.WriteLine($"[WARNING][TestKit] Actor system {Sys.Name} did not terminate within {Dilated(TimeSpan.FromSeconds(10))}.");
        _listener.Dispose();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? (a > TimeSpan.Zero ? a : TimeSpan.Zero) : (b > TimeSpan.Zero ? b : TimeSpan.Zero);

    private static string SystemNameFor(Type type)
    {
        var name = NonNameChars().Replace(type.Name, "");
        return name.Length == 0 ? "test" : name;
    }

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NonNameChars();
}
