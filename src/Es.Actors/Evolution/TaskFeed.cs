// A node's link between the fabric and its evaluators: claims tasks, pairs them with parameters, queues them, returns results.
using Akka.Actor;
using Akka.Event;
using Akka.Routing;
using Es.Actors.Fabric;
using Es.Core.Evaluation;

namespace Es.Actors.Evolution;

/// <summary>
/// Claims tasks from the fabric no faster than the pool can evaluate them (about a
/// <see cref="ClaimAhead"/> lookahead of work per evaluator, so one node does not hoard a
/// generation), holds a task until the replica has reached its generation, drops (and
/// acknowledges) tasks of generations already past, and puts the rest into the node's
/// <see cref="WorkQueue"/>, from which the evaluators take them themselves (no turn of the feed
/// or of a router per task). It completes the results through <see cref="IFabric.CompleteAsync"/>,
/// which puts each in the log before it acknowledges its task: a node that dies mid-task leaves
/// it unacknowledged, and the fabric hands it to another node. It also sends the node's
/// heartbeat. Results go out in batches: one completion at a time, and while the node still has
/// tasks in hand a finished result lingers briefly for others.
/// </summary>
public sealed class TaskFeed : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IFabric _fabric;
    private readonly IActorRef _pool;
    private readonly IActorRef _replica;
    private readonly WorkQueue _queue;
    private readonly string _nodeId;
    private readonly string _role;
    private readonly TimeSpan _linger; // the longest a finished result waits for others while tasks are in hand
    private readonly ClaimAhead _ahead;
    private readonly List<CompletedTask> _unpublished = [];
    private readonly List<TaskDelivery> _waiting = [];
    private readonly List<TaskDelivery> _older = []; // tasks older than the replica, until it has checked the head
    private readonly Dictionary<string, int> _handBacks = new(StringComparer.Ordinal);
    private bool _checkingHead;
    private ParametersSnapshot? _parameters;
    private int _evaluators;
    private int _inFlight;
    private bool _claiming;
    private bool _publishing;

    /// <summary>Creates the feed of one node.</summary>
    /// <param name="fabric">Where tasks come from and results go.</param>
    /// <param name="pool">The node's rollout pool: watched, and asked how many evaluators it has.</param>
    /// <param name="replica">The node's parameter replica.</param>
    /// <param name="queue">The queue the pool's evaluators take their tasks from.</param>
    /// <param name="nodeId">This node's id (the fabric consumer name).</param>
    /// <param name="role">The node's role, for its heartbeat.</param>
    /// <param name="evaluators">Evaluators in the pool (until the pool says otherwise).</param>
    /// <param name="perEvaluator">Tasks claimed ahead per evaluator (at first, when <paramref name="lookahead"/> is positive).</param>
    /// <param name="lookahead">Work to claim ahead per evaluator, in time (see <see cref="ClaimAhead"/>); zero keeps <paramref name="perEvaluator"/>.</param>
    /// <param name="linger">The longest a finished result waits for others while the node still has tasks in hand.</param>
    public TaskFeed(IFabric fabric, IActorRef pool, IActorRef replica, WorkQueue queue, string nodeId, string role, int evaluators, int perEvaluator, TimeSpan lookahead,
        TimeSpan linger)
    {
        _fabric = fabric;
        _pool = pool;
        _replica = replica;
        _queue = queue;
        _nodeId = nodeId;
        _role = role;
        _evaluators = evaluators;
        _ahead = new ClaimAhead(perEvaluator, lookahead);
        _linger = linger;
        Receive<ParametersAdvanced>(OnParameters);
        Receive<Claimed>(OnClaimed);
        Receive<Evaluated>(OnEvaluated);
        Receive<EvaluationAbandoned>(OnAbandoned);
        Receive<Acknowledged>(_ => { });
        Receive<BatchPublished>(_ =>
        {
            _publishing = false;
            PublishPending();
        });
        Receive<BatchFailed>(f =>
        {
            // Its tasks stay unacknowledged: the fabric's claim timeout hands them out again.
            _log.Warning("task feed: publishing {0} result(s) failed ({1}); their tasks will be evaluated again", f.Count, f.Error.Message);
            _publishing = false;
            PublishPending();
        });
        Receive<FabricFailed>(f =>
        {
            _log.Warning("task feed: the fabric failed ({0}); retrying", f.Error.Message);
            _claiming = false;
            Timers.StartSingleTimer("claim", ClaimMore.Instance, TimeSpan.FromMilliseconds(500));
        });
        Receive<ClaimMore>(_ => Claim());
        Receive<HeadChecked>(OnHeadChecked);
        Receive<Flush>(_ => PublishPending(flush: true));
        Receive<Heartbeat>(_ => SendHeartbeat());
        Receive<Routees>(r => _evaluators = r.Members.Count());
        // A request told to a parked evaluator that has just stopped becomes a dead letter: queue it again.
        Receive<DeadLetter>(d => d.Message is Evaluate && Self.Equals(d.Sender), d =>
        {
            _inFlight--;
            Route(((Evaluate)d.Message).Delivery);
        });
        Receive<Terminated>(t => { if (t.ActorRef.Equals(_pool)) Context.Stop(Self); });
    }

    /// <summary>Props of a feed.</summary>
    /// <param name="fabric">Where tasks come from and results go.</param>
    /// <param name="pool">The node's rollout pool (built with the same <paramref name="queue"/>).</param>
    /// <param name="replica">The node's parameter replica.</param>
    /// <param name="queue">The node's work queue.</param>
    /// <param name="nodeId">This node's id (the fabric consumer name).</param>
    /// <param name="role">The node's role, for its heartbeat.</param>
    /// <param name="evaluators">Evaluators in the pool.</param>
    /// <param name="perEvaluator">Tasks claimed ahead per evaluator (at first, when <paramref name="lookahead"/> is positive).</param>
    /// <param name="lookahead">Work to claim ahead per evaluator, in time (see <see cref="ClaimAhead"/>); zero keeps <paramref name="perEvaluator"/>.</param>
    /// <param name="linger">The longest a finished result waits for others while tasks are in hand (null: 2 ms, which Akka's scheduler rounds up to its tick).</param>
    public static Props Props(IFabric fabric, IActorRef pool, IActorRef replica, WorkQueue queue, string nodeId, string role, int evaluators, int perEvaluator,
        TimeSpan lookahead, TimeSpan? linger = null)
    {
        TimeSpan wait = linger ?? TimeSpan.FromMilliseconds(2);
        return Akka.Actor.Props.Create(() => new TaskFeed(fabric, pool, replica, queue, nodeId, role, evaluators, perEvaluator, lookahead, wait));
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc/>
    protected override void PreStart()
    {
        Context.Watch(_pool);
        Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
        _replica.Tell(new SubscribeParameters());
        Timers.StartPeriodicTimer("heartbeat", Heartbeat.Instance, TimeSpan.FromSeconds(1));
        SendHeartbeat();
    }

    /// <inheritdoc/>
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private int Capacity => Math.Max(1, _evaluators) * _ahead.PerEvaluator;

    private void OnParameters(ParametersAdvanced advanced)
    {
        _parameters = advanced.Parameters;
        var ready = _waiting.ToList();
        _waiting.Clear();
        foreach (TaskDelivery d in ready) Route(d);
        Claim();
    }

    private void Claim()
    {
        if (_claiming || _parameters is null) return;
        int held = _inFlight + _waiting.Count;
        int room = Capacity - held;
        // Claim when half the capacity is free (or nothing is held), not after every task: over a
        // network each claim is a round trip, and half a capacity of tasks covers it.
        if (room <= 0 || (held > 0 && room < (Capacity + 1) / 2)) return;
        _claiming = true;
        _fabric.ClaimTasksAsync(_nodeId, room, TimeSpan.FromMilliseconds(250)).AsTask()
            .PipeTo(Self, success: batch => new Claimed(batch), failure: e => new FabricFailed(e));
    }

    private void OnHeadChecked(HeadChecked checkedHead)
    {
        _checkingHead = false;
        TaskDelivery[] older = [.. _older];
        _older.Clear();
        foreach (TaskDelivery d in older)
        {
            if (d.Task.Generation >= _parameters!.Generation)
                Route(d); // the replica went back to the head's generation
            else if (d.Task.Generation <= checkedHead.Generation)
                _fabric.AcknowledgeAsync(d).AsTask().PipeTo(Self, success: () => Acknowledged.Instance, failure: e => new FabricFailed(e));
            else
                Route(d); // older than the replica but newer than what was checked: check again
        }
        Claim();
    }

    private void OnClaimed(Claimed claimed)
    {
        _claiming = false;
        foreach (TaskDelivery d in claimed.Deliveries) Route(d);
        Claim();
    }

    private void Route(TaskDelivery delivery)
    {
        long generation = _parameters!.Generation;
        if (delivery.Task.Generation < generation)
        {
            // A duplicate or a re-issue that lost the race (acknowledged and dropped), unless the
            // head started again from an older checkpoint: the replica checks, and rolls back.
            _older.Add(delivery);
            if (!_checkingHead)
            {
                _checkingHead = true;
                _replica.Tell(new CheckHead(delivery.Task.Generation));
            }
            return;
        }
        if (delivery.Task.Generation > generation)
        {
            _waiting.Add(delivery);
            return;
        }
        _inFlight++;
        _queue.Add(new Evaluate(delivery, _parameters), Self);
    }

    private void OnEvaluated(Evaluated evaluated)
    {
        _inFlight--;
        _ahead.Observe(evaluated.Seconds);
        _handBacks.Remove(evaluated.Delivery.Id);
        _unpublished.Add(new CompletedTask(evaluated.Delivery, evaluated.Result));
        Claim();
        PublishPending();
    }

    // One publication at a time: what arrives meanwhile waits for the next, so results go out in batches.
    private void PublishPending(bool flush = false)
    {
        if (_publishing || _unpublished.Count == 0) return;
        // Linger: while the node still has tasks in hand, results wait until a quarter of the
        // claim-ahead has finished, or at most the linger time; each publication costs the
        // fabric and the head's reader the same whatever its size. With nothing left in hand,
        // publish at once: the generation may be waiting for exactly these.
        if (!flush && _inFlight > 0 && _unpublished.Count < Math.Max(1, Capacity / 4))
        {
            if (!Timers.IsTimerActive("linger")) Timers.StartSingleTimer("linger", Flush.Instance, _linger);
            return;
        }
        Timers.Cancel("linger");
        _publishing = true;
        CompletedTask[] batch = [.. _unpublished];
        _unpublished.Clear();
        // One call for the batch: each result is in the log before its task is acknowledged.
        _fabric.CompleteAsync(batch).AsTask()
            .PipeTo(Self, success: () => BatchPublished.Instance, failure: e => new BatchFailed(batch.Length, e));
    }

    private void OnAbandoned(EvaluationAbandoned abandoned)
    {
        _inFlight--;
        int handBacks = _handBacks.GetValueOrDefault(abandoned.Delivery.Id) + 1;
        _handBacks[abandoned.Delivery.Id] = handBacks;
        _log.Warning("task {0}/{1} abandoned by an evaluator ({2})", abandoned.Delivery.Task.Generation, abandoned.Delivery.Task.Task, abandoned.Reason);
        // Give it to another evaluator a few times; after that leave it unacknowledged, so the
        // fabric's claim timeout or the coordinator's deadline sends it to another node.
        if (handBacks <= 3 && _parameters is not null) Route(abandoned.Delivery);
        else _handBacks.Remove(abandoned.Delivery.Id);
        Claim();
    }

    private void SendHeartbeat()
    {
        _pool.Tell(GetRoutees.Instance, Self);
        var status = new NodeStatus(_nodeId, _role, _evaluators, _parameters?.Generation ?? -1);
        _fabric.HeartbeatAsync(status).AsTask().PipeTo(Self, success: () => Acknowledged.Instance, failure: e => new FabricFailed(e));
    }

    private sealed record Claimed(IReadOnlyList<TaskDelivery> Deliveries);

    // A fabric call whose success needs nothing more (an acknowledgement, a heartbeat).
    private sealed record Acknowledged
    {
        public static Acknowledged Instance { get; } = new();
    }

    private sealed record FabricFailed(Exception Error);

    private sealed record BatchPublished
    {
        public static BatchPublished Instance { get; } = new();
    }

    private sealed record BatchFailed(int Count, Exception Error);

    private sealed record Flush
    {
        public static Flush Instance { get; } = new();
    }

    private sealed record ClaimMore
    {
        public static ClaimMore Instance { get; } = new();
    }

    private sealed record Heartbeat
    {
        public static Heartbeat Instance { get; } = new();
    }
}
