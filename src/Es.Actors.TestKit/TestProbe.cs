// A test-controlled actor: send from it, and assert on what it receives, with dilated timeouts.
using System.Diagnostics;

namespace Es.Actors.TestKit;

/// <summary>
/// An actor driven by the test: messages sent to <see cref="Ref"/> are queued, and the Expect methods take them in
/// order, failing with a descriptive <see cref="TestKitAssertionException"/> when the wrong thing (or nothing) arrives
/// in time. Every timeout is dilated by the time factor and capped by an enclosing <c>Within</c>.
/// </summary>
public class TestProbe
{
    private readonly MessageQueue _queue = new();
    private readonly TestKitContext _context;
    private readonly ActorSystem _system;
    private ReceivedMessage? _last;

    internal TestProbe(ActorSystem system, TestKitContext context, string name)
    {
        _system = system;
        _context = context;
        Ref = system.ActorOf(Props.Create(() => new TestActor(_queue)), name);
    }

    /// <summary>The probe's actor ref: give it to the actors under test as a collaborator or reply address.</summary>
    public IActorRef Ref { get; }

    /// <summary>Sender of the last message taken from the queue (dead letters before the first).</summary>
    public IActorRef Sender => _last?.Sender ?? _system.DeadLetters;

    /// <summary>The last message taken from the queue, if any.</summary>
    public object? LastMessage => _last?.Message;

    /// <summary>Whether messages are waiting in the queue.</summary>
    public bool HasMessages => _queue.Count > 0;

    /// <summary>Sends a message to the probe itself (it will be queued like any other).</summary>
    public void Tell(object message, IActorRef? sender = null) => Ref.Tell(message, sender ?? _system.DeadLetters);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, Ref);

    /// <summary>Answers the sender of the last message, with the probe as sender.</summary>
    public void Reply(object message)
    {
        if (_last is null) throw new InvalidOperationException("Reply needs a received message to reply to.");
        _last.Sender.Tell(message, Ref);
    }

    /// <summary>Passes the last message on to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target)
    {
        if (_last is null) throw new InvalidOperationException("Forward needs a received message to forward.");
        target.Tell(_last.Message, _last.Sender);
    }

    /// <summary>Watches <paramref name="target"/>: its <see cref="Terminated"/> will be queued. Returns once the watch is in place.</summary>
    public IActorRef Watch(IActorRef target) => SendWatch(target, watch: true);

    /// <summary>Stops watching <paramref name="target"/>. Returns once the watch is cancelled.</summary>
    public IActorRef Unwatch(IActorRef target) => SendWatch(target, watch: false);

    /// <summary>Takes the next message, or returns null if none arrives within the (dilated) timeout.</summary>
    public object? ReceiveOne(TimeSpan? timeout = null) =>
        TryReceive(_context.RemainingOrDilated(timeout), out var received) ? received.Message : null;

    /// <summary>Expects the next message to be a <typeparamref name="T"/>.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(_ => true, timeout);

    /// <summary>Expects the next message to be a <typeparamref name="T"/> satisfying <paramref name="predicate"/>.</summary>
    /// <param name="predicate">The condition on the message.</param>
    /// <param name="timeout">Undilated timeout; null for the default.</param>
    /// <param name="hint">Describes the condition in the failure message.</param>
    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var name = $"ExpectMsg<{typeof(T).Name}>";
        var received = Take(name, timeout);
        if (received.Message is not T typed)
            throw Fail($"{name}: expected a message of type {typeof(T).FullName} but received {Describe(received)}.");
        if (!predicate(typed))
            throw Fail($"{name}: {Describe(received)} does not satisfy the condition{(hint is null ? "" : $" ({hint})")}.");
        return typed;
    }

    /// <summary>Expects the next message to equal <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null)
    {
        var received = Take($"ExpectMsg({expected})", timeout);
        if (received.Message is T typed && EqualityComparer<T>.Default.Equals(typed, expected)) return typed;
        throw Fail($"ExpectMsg: expected [{expected}] ({expected?.GetType().Name}) but received {Describe(received)}.");
    }

    /// <summary>Asserts that no message arrives for <paramref name="duration"/> (dilated).</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        var wait = _context.Settings.Dilated(duration);
        if (TryReceive(wait, out var received))
            throw Fail($"ExpectNoMsg: expected no message for {_context.Describe(wait)} but received {Describe(received)}.");
    }

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="target"/> (watch it first).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        var name = $"ExpectTerminated({target.Path})";
        var received = Take(name, timeout);
        if (received.Message is Terminated t && Equals(t.ActorRef, target)) return t;
        throw Fail($"{name}: expected Terminated of {target.Path} but received {Describe(received)}.");
    }

    /// <summary>Takes the next <paramref name="n"/> messages, all within the (dilated) timeout.</summary>
    public IReadOnlyList<object> ReceiveN(int n, TimeSpan? timeout = null)
    {
        var total = _context.RemainingOrDilated(timeout);
        var start = Stopwatch.GetTimestamp();
        var messages = new List<object>(n);
        while (messages.Count < n)
        {
            if (!TryReceive(total - Stopwatch.GetElapsedTime(start), out var received))
                throw Fail($"ReceiveN({n}): only {messages.Count} message(s) arrived within {_context.Describe(total)}: [{string.Join(", ", messages)}].");
            messages.Add(received.Message);
        }
        return messages;
    }

    /// <summary>Skips messages until one is a <typeparamref name="T"/> satisfying <paramref name="isMessage"/>, and returns it.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var total = _context.RemainingOrDilated(timeout);
        var start = Stopwatch.GetTimestamp();
        var skipped = new List<object>();
        while (true)
        {
            if (!TryReceive(total - Stopwatch.GetElapsedTime(start), out var received))
                throw Fail($"FishForMessage<{typeof(T).Name}>: no matching message within {_context.Describe(total)}; skipped [{string.Join(", ", skipped)}].");
            if (received.Message is T typed && isMessage(typed)) return typed;
            skipped.Add(received.Message);
        }
    }

    /// <summary>Takes the next message (any type) or fails, naming the expectation.</summary>
    private ReceivedMessage Take(string expectation, TimeSpan? timeout)
    {
        var wait = _context.RemainingOrDilated(timeout);
        if (!TryReceive(wait, out var received))
            throw Fail($"{expectation}: timeout, no message arrived within {_context.Describe(wait)}.");
        return received;
    }

    private bool TryReceive(TimeSpan timeout, out ReceivedMessage received)
    {
        if (!_queue.TryTake(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, out received)) return false;
        _last = received;
        return true;
    }

    private IActorRef SendWatch(IActorRef target, bool watch)
    {
        ArgumentNullException.ThrowIfNull(target);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Ref.Tell(new WatchCommand(target, watch, done), _system.DeadLetters);
        var wait = _context.Settings.Dilated(_context.Settings.DefaultTimeout);
        if (!done.Task.Wait(wait)) throw Fail($"{(watch ? "Watch" : "Unwatch")}({target.Path}) was not confirmed within {_context.Describe(wait)}.");
        return target;
    }

    private static string Describe(ReceivedMessage received) =>
        $"[{received.Message}] ({received.Message.GetType().Name}) from {received.Sender.Path}";

    private static TestKitAssertionException Fail(string message) => new(message);
}
