// The root of a running actor hierarchy: creates top-level actors and owns the shared services.
using System.Text.RegularExpressions;
using Es.Actors.Cell;
using Es.Actors.Dispatch;
using Es.Actors.Event;
using Es.Actors.Scheduling;

namespace Es.Actors;

/// <summary>
/// A hierarchy of actors with its shared services: event stream and logging, scheduler, dead letters. Top-level actors
/// are children of the <c>/user</c> guardian, which restarts them when they fail (the default strategy).
/// <see cref="Terminate"/> stops everything, children before parents, and completes <see cref="WhenTerminated"/>.
/// </summary>
public sealed partial class ActorSystem : IAsyncDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DeadLetterActorRef _deadLetters;
    private readonly DefaultScheduler _scheduler;
    private readonly ActorCell _guardian;
    private readonly IDisposable? _consoleLogger;
    private readonly ActorPath _rootPath;
    private long _deadLetterCount;
    private long _tempNumber;
    private int _terminating;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        _rootPath = ActorPath.Root(name);
        _deadLetters = new DeadLetterActorRef(this, _rootPath / "deadLetters");
        EventStream = new EventStream(() => _deadLetters);
        _consoleLogger = settings.ConsoleLogger ? ConsoleLogger.Install(EventStream, settings.LogLevel) : null;
        Log = new BusLogging(EventStream, _rootPath.ToString(), settings.LogLevel);
        _scheduler = new DefaultScheduler(this);
        var root = new RootGuardianRef(this, _rootPath);
        _guardian = new ActorCell(this, _rootPath / "user", Props.Create(() => new GuardianActor()), root);
        _guardian.Start();
    }

    /// <summary>Starts a system.</summary>
    /// <param name="name">Letters, digits, '-' and '_', starting with a letter or digit; it becomes the path's address part.</param>
    /// <param name="settings">Null for <see cref="ActorSystemSettings.Default"/>.</param>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ValidName().IsMatch(name))
            throw new ArgumentException($"Invalid actor system name [{name}]: use letters, digits, '-' and '_', starting with a letter or digit.", nameof(name));
        settings ??= ActorSystemSettings.Default;
        if (settings.Throughput < 1) throw new ArgumentOutOfRangeException(nameof(settings), settings.Throughput, "Throughput must be at least 1.");
        return new ActorSystem(name, settings);
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The settings it was created with.</summary>
    public ActorSystemSettings Settings { get; }

    /// <summary>Where undeliverable messages go; also the sender of messages sent without one.</summary>
    public IActorRef DeadLetters => _deadLetters;

    /// <summary>Delayed and periodic messages.</summary>
    public IScheduler Scheduler => _scheduler;

    /// <summary>System-wide publish/subscribe (log events, dead letters, unhandled messages).</summary>
    public EventStream EventStream { get; }

    /// <summary>The system's own logger.</summary>
    public ILoggingAdapter Log { get; }

    /// <summary>How many dead letters the system has seen; every one is also published and logged.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    /// <summary>Completes once every actor has stopped after <see cref="Terminate"/>.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>
    /// The sender of a Tell that names none and is made outside any actor (the test kit sets its TestActor here,
    /// as Akka's TestKit does implicitly).
    /// </summary>
    internal IActorRef? ExternalImplicitSender { get; set; }

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    /// <exception cref="InvalidActorNameException">The name is malformed or taken.</exception>
    /// <exception cref="InvalidOperationException">The system is terminating.</exception>
    public IActorRef ActorOf(Props props, string? name = null)
    {
        if (Volatile.Read(ref _terminating) != 0) throw new InvalidOperationException($"Actor system [{Name}] is terminating.");
        return _guardian.ActorOf(props, name);
    }

    /// <summary>Stops an actor asynchronously (a system message: it overtakes queued messages).</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is IInternalActorRef target) target.SendSystemMessage(Dispatch.Terminate.Instance);
    }

    /// <summary>Stops all actors (children before parents) and the scheduler; idempotent.</summary>
    /// <returns><see cref="WhenTerminated"/>.</returns>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0) _guardian.SelfRef.SendSystemMessage(Dispatch.Terminate.Instance);
        return WhenTerminated;
    }

    /// <summary>Terminates the system and waits for it.</summary>
    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    /// <inheritdoc/>
    public override string ToString() => _rootPath.ToString();

    internal bool IsTerminating => Volatile.Read(ref _terminating) != 0;

    internal ActorCell CreateCell(Props props, IInternalActorRef parent, ActorPath path)
    {
        var cellProps = props.RouterConfig is { } router ? router.CreateRouterProps(props.WithoutRouter()) : props;
        return new ActorCell(this, path, cellProps, parent);
    }

    internal ActorPath NewTempPath()
    {
        var n = Interlocked.Increment(ref _tempNumber);
        return _rootPath / "temp" / $"${n}";
    }

    /// <summary>Counts, publishes and logs a dead letter (logging drops to debug once shutdown has begun, as in Akka).</summary>
    internal void PublishDeadLetter(DeadLetter deadLetter)
    {
        var count = Interlocked.Increment(ref _deadLetterCount);
        if (deadLetter.Message is DeadLetter or LogEvent or UnhandledMessage) return; // an event for a dead subscriber: no echo loops
        var level = IsTerminating ? LogLevel.Debug : LogLevel.Warning;
        EmitLog(level, deadLetter.Recipient.Path.ToString(), null,
            $"Message [{deadLetter.Message.GetType().Name}] from {deadLetter.Sender.Path} to {deadLetter.Recipient.Path} was not delivered. " +
            $"[{count}] dead letters encountered.", deadLetter);
        EventStream.Publish(deadLetter); // after the log line, so a listener counting dead letters has seen (and muted) it
    }

    internal void EmitLog(LogLevel level, string source, Exception? cause, string message, object? subject = null)
    {
        if (level >= Settings.LogLevel) EventStream.Publish(new LogEvent(level, source, message, cause, subject));
    }

    /// <summary>Called when the /user guardian has stopped: every actor is gone.</summary>
    internal void OnGuardianTerminated()
    {
        Interlocked.Exchange(ref _terminating, 1);
        _scheduler.Shutdown();
        _consoleLogger?.Dispose();
        _terminated.TrySetResult();
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex ValidName();
}
