// The runtime's per-actor state machine: message invocation, context API and lifecycle (creation, stop).
using Es.Actors.Dispatch;
using Es.Actors.Event;
using Es.Actors.Scheduling;

namespace Es.Actors.Cell;

/// <summary>
/// Everything the runtime keeps for one actor: its mailbox, current instance, behavior stack, children, watchers and
/// failure state. All mutable state except the children table (locked, because ActorOf on the guardian may come from
/// any thread) is touched only by the mailbox's single running turn. Split over partial files by concern.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic] private static ActorCell? t_current;
    [ThreadStatic] private static ActorCell? t_constructing;

    private readonly ActorSystem _system;
    private readonly IInternalActorRef _parent;
    private readonly List<Func<object, bool>> _behaviors = [];
    private readonly ActorSynchronizationContext _syncContext;
    private ActorBase? _actor;
    private Envelope? _currentEnvelope;
    private BusLogging? _log;
    private ActorTimerScheduler? _timers;
    private TimeSpan? _receiveTimeout;
    private ICancelable? _receiveTimeoutTask;
    private Task? _awaitingTask;

    public ActorCell(ActorSystem system, ActorPath path, Props props, IInternalActorRef parent)
    {
        _system = system;
        _parent = parent;
        Props = props;
        _syncContext = new ActorSynchronizationContext(this);
        Mailbox = new Mailbox(system.Settings.Throughput, props.Dispatcher == Dispatchers.PinnedDispatcherId ? path.ToString() : null);
        Mailbox.SetCell(this);
        SelfRef = new LocalActorRef(path, this);
    }

    /// <summary>The cell whose actor constructor is running on this thread (ActorBase binds to it).</summary>
    internal static ActorCell? Constructing => t_constructing;

    /// <summary>The cell whose turn is running on this thread, if any.</summary>
    internal static ActorCell? Current => t_current;

    public LocalActorRef SelfRef { get; }

    public Mailbox Mailbox { get; }

    public IActorRef Self => SelfRef;

    public IActorRef Parent => _parent;

    public ActorSystem System => _system;

    public Props Props { get; }

    public IActorRef Sender => _currentEnvelope?.Sender ?? _system.DeadLetters;

    public IScheduler Scheduler => _system.Scheduler;

    public ILoggingAdapter Log => _log ??= new BusLogging(_system.EventStream, SelfRef.Path.ToString(), _system.Settings.LogLevel);

    public ITimerScheduler Timers => _timers ??= new ActorTimerScheduler(this);

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    /// <summary>Read by the mailbox between user messages: failed, suspended, awaiting or stopping actors take none.</summary>
    public bool CanProcessUserMessages => _suspendCount == 0 && _awaitingTask is null && !_isTerminating;

    /// <summary>For SmallestMailbox routing: a turn is queued or running, or an async handler is pending.</summary>
    public bool IsBusy => Mailbox.IsScheduled || Volatile.Read(ref _awaitingTask) is not null || Volatile.Read(ref _suspendCount) > 0;

    /// <summary>The sender to use for a Tell without one: the running actor, else the system's external default.</summary>
    internal static IActorRef? ImplicitSender(ActorSystem system) => t_current?.SelfRef ?? system.ExternalImplicitSender;

    /// <summary>Schedules creation of the actor; Create is the first message its mailbox will see.</summary>
    public void Start() => SelfRef.SendSystemMessage(Create.Instance);

    /// <summary>Processes one user message (called by the mailbox's running turn).</summary>
    public void Invoke(Envelope envelope)
    {
        var previous = t_current;
        t_current = this;
        _currentEnvelope = envelope;
        var influencesTimeout = true;
        try
        {
            switch (envelope.Message)
            {
                case PoisonPill:
                    SelfRef.SendSystemMessage(Dispatch.Terminate.Instance);
                    break;
                case Kill:
                    throw new ActorKilledException("Kill");
                case Terminated t:
                    ReceivedTerminated(t);
                    break;
                case TimerMessage tm:
                    if (_timers is not null && _timers.TryTake(tm, out var timed))
                    {
                        _currentEnvelope = new Envelope(timed, SelfRef);
                        ReceiveMessage(timed);
                    }
                    break;
                case Es.Actors.ReceiveTimeout:
                    influencesTimeout = false;
                    ReceiveMessage(envelope.Message);
                    break;
                default:
                    ReceiveMessage(envelope.Message);
                    break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, envelope.Message);
        }
        finally
        {
            if (_awaitingTask is null) _currentEnvelope = null;
            if (influencesTimeout && _receiveTimeout is not null) RescheduleReceiveTimeout();
            t_current = previous;
        }
    }

    /// <summary>Processes one system message (called by the mailbox's running turn).</summary>
    public void SystemInvoke(SystemMessage message)
    {
        var previous = t_current;
        t_current = this;
        try
        {
            switch (message)
            {
                case Create: CreateActor(); break;
                case Recreate r: FaultRecreate(r.Cause); break;
                case Suspend: FaultSuspend(); break;
                case Resume r: FaultResume(r.CausedByFailure); break;
                case Terminate: HandleTerminate(); break;
                case Dispatch.Watch w: AddWatcher(w.Watchee, w.Watcher); break;
                case Dispatch.Unwatch u: RemoveWatcher(u.Watchee, u.Watcher); break;
                case DeathWatchNotification d: WatchedActorTerminated(d.Actor, d.ExistenceConfirmed); break;
                case Failed f: HandleFailed(f); break;
                case AsyncContinuation c: RunContinuation(c); break;
                case AsyncCompleted c: HandleAsyncCompleted(c); break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, null);
        }
        finally
        {
            t_current = previous;
        }
    }

    public void Become(Func<object, bool> receive, bool discardOld = true)
    {
        ArgumentNullException.ThrowIfNull(receive);
        if (discardOld && _behaviors.Count > 0) _behaviors.RemoveAt(_behaviors.Count - 1);
        _behaviors.Add(receive);
    }

    public void Unbecome()
    {
        if (_behaviors.Count > 0) _behaviors.RemoveAt(_behaviors.Count - 1);
    }

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        _receiveTimeout = timeout is { } t && t > TimeSpan.Zero && t != Timeout.InfiniteTimeSpan ? t : null;
        RescheduleReceiveTimeout();
    }

    public void Forward(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var envelope = _currentEnvelope ?? throw new InvalidOperationException("Forward is only possible while processing a message.");
        target.Tell(envelope.Message, envelope.Sender ?? _system.DeadLetters);
    }

    /// <summary>Default of ActorBase.Unhandled: death pact for Terminated, otherwise publish and log.</summary>
    internal void DefaultUnhandled(object message)
    {
        if (message is Terminated t && _deliveringWatchedTerminated) throw new DeathPactException(t.ActorRef);
        var unhandled = new UnhandledMessage(message, Sender, SelfRef);
        _system.EventStream.Publish(unhandled);
        _system.EmitLog(LogLevel.Warning, SelfRef.Path.ToString(), null,
            $"Unhandled message [{message.GetType().Name}: {message}] from {Sender.Path}", unhandled);
    }

    /// <summary>Turns an undeliverable user message into a dead letter of this actor.</summary>
    internal void ToDeadLetters(Envelope envelope) =>
        _system.PublishDeadLetter(new DeadLetter(envelope.Message, envelope.Sender ?? _system.DeadLetters, SelfRef));

    /// <summary>System messages reaching a closed mailbox: a late Watch still gets its Terminated.</summary>
    internal void HandleSystemMessageAfterDeath(SystemMessage message)
    {
        if (message is Dispatch.Watch w && ReferenceEquals(w.Watchee, SelfRef) && !ReferenceEquals(w.Watcher, SelfRef))
            w.Watcher.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: false));
    }

    internal void LogRuntimeError(Exception e) =>
        _system.EmitLog(LogLevel.Error, SelfRef.Path.ToString(), e, "Internal error in the actor runtime while processing the mailbox.");

    private void ReceiveMessage(object message)
    {
        var actor = _actor;
        if (actor is null)
        {
            ToDeadLetters(_currentEnvelope ?? new Envelope(message, null));
            return;
        }
        var handled = _behaviors.Count > 0 ? _behaviors[^1](message) : actor.ReceiveInternal(message);
        if (!handled) actor.UnhandledInternal(message);
    }

    private ActorBase NewActor()
    {
        _behaviors.Clear();
        var previous = t_constructing;
        t_constructing = this;
        try
        {
            var actor = Props.Factory() ?? throw new InvalidOperationException($"The factory of {Props} returned null.");
            if (!ReferenceEquals(actor.Cell, this))
                throw new InvalidOperationException($"The factory of {Props} must create a new actor instance on every call.");
            _actor = actor;
            return actor;
        }
        finally
        {
            t_constructing = previous;
        }
    }

    private void CreateActor()
    {
        try
        {
            NewActor().PreStartInternal();
        }
        catch (Exception e)
        {
            _actor = null;
            throw new ActorInitializationException(SelfRef, $"Exception during creation of {SelfRef.Path}: {e.Message}", e);
        }
    }

    private void RescheduleReceiveTimeout()
    {
        _receiveTimeoutTask?.Cancel();
        _receiveTimeoutTask = _receiveTimeout is { } t && !_isTerminating
            ? _system.Scheduler.ScheduleTellOnce(t, SelfRef, Es.Actors.ReceiveTimeout.Instance, SelfRef)
            : null;
    }

    private void CancelReceiveTimeout()
    {
        _receiveTimeoutTask?.Cancel();
        _receiveTimeoutTask = null;
    }
}
