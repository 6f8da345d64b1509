// A node's link between the head and its evaluators: asks for work, pairs tasks with parameters, queues them, returns results.
using Akka.Actor;
using Akka.Event;
using Akka.Routing;
using Es.Core.Evaluation;

namespace Es.Actors.Evolution;

/// <summary>
/// Pulls work from the head (<see cref="RequestWork"/>, one request in flight, answered by one
/// <see cref="WorkBatch"/>) no faster than the pool can evaluate it (about a
/// <see cref="ClaimAhead"/> lookahead of work per evaluator, so one node does not hoard a
/// generation), holds a task until the replica has reached its generation, and puts the rest
/// into the node's <see cref="WorkQueue"/>, from which the evaluators take them themselves (no
/// turn of the feed or of a router per task). Results go back to the head in batches
/// (<see cref="TaskResults"/>): while the node still has tasks in hand a finished result lingers
/// briefly for others. Nothing is acknowledged: a node that dies or is cut off holds tasks the
/// head gives to others, and a result that arrives twice is ignored by the head. When another node
/// runs out of work, the head may ask for tasks back (<see cref="ReturnTasks"/>): the feed takes
/// the most recently queued ones its evaluators have not started out of the queue and names them
/// in <see cref="TasksReturned"/>.
/// </summary>
public sealed class TaskFeed : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _head;
    private readonly IActorRef _pool;
    private readonly IActorRef _replica;
    private readonly WorkQueue _queue;
    private readonly TimeSpan _linger; // the longest a finished result waits for others while tasks are in hand
    private readonly int _maxResultsPerMessage;
    private readonly ClaimAhead _ahead;
    private readonly List<TaskResult> _unsent = [];
    private readonly List<TaskDelivery> _waiting = [];
    private readonly Dictionary<string, int> _handBacks = new(StringComparer.Ordinal);
    private ParametersSnapshot? _parameters;
    private ParametersSnapshot? _previous; // the generation before: a head that took over may still be finishing it
    private int _evaluators;
    private int _inFlight;
    private bool _asking;
    private DateTime _askedAt;

    /// <summary>Creates the feed of one node.</summary>
    /// <param name="head">The head (a cluster singleton proxy, or the coordinator in one process).</param>
    /// <param name="pool">The node's rollout pool: watched, and asked how many evaluators it has.</param>
    /// <param name="replica">The node's parameter replica.</param>
    /// <param name="queue">The queue the pool's evaluators take their tasks from.</param>
    /// <param name="evaluators">Evaluators in the pool (until the pool says otherwise).</param>
    /// <param name="perEvaluator">Tasks asked for ahead per evaluator (at first, when <paramref name="lookahead"/> is positive).</param>
    /// <param name="lookahead">Work to hold ahead per evaluator, in time (see <see cref="ClaimAhead"/>); zero keeps <paramref name="perEvaluator"/>.</param>
    /// <param name="linger">The longest a finished result waits for others while the node still has tasks in hand.</param>
    /// <param name="maxResultsPerMessage">Most results in one <see cref="TaskResults"/>, so a message stays within the transport's frame.</param>
    public TaskFeed(IActorRef head, IActorRef pool, IActorRef replica, WorkQueue queue, int evaluators, int perEvaluator, TimeSpan lookahead, TimeSpan linger,
        int maxResultsPerMessage)
    {
        _head = head;
        _pool = pool;
        _replica = replica;
        _queue = queue;
        _evaluators = evaluators;
        _ahead = new ClaimAhead(perEvaluator, lookahead);
        _linger = linger;
        _maxResultsPerMessage = Math.Max(1, maxResultsPerMessage);
        Receive<ParametersAdvanced>(OnParameters);
        Receive<WorkBatch>(OnWork);
        Receive<ReturnTasks>(OnReturnTasks);
        Receive<Evaluated>(OnEvaluated);
        Receive<EvaluationAbandoned>(OnAbandoned);
        Receive<Flush>(_ => SendResults(flush: true));
        Receive<Refresh>(_ => OnRefresh());
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
    /// <param name="head">The head (a cluster singleton proxy, or the coordinator in one process).</param>
    /// <param name="pool">The node's rollout pool (built with the same <paramref name="queue"/>).</param>
    /// <param name="replica">The node's parameter replica.</param>
    /// <param name="queue">The node's work queue.</param>
    /// <param name="evaluators">Evaluators in the pool.</param>
    /// <param name="perEvaluator">Tasks asked for ahead per evaluator (at first, when <paramref name="lookahead"/> is positive).</param>
    /// <param name="lookahead">Work to hold ahead per evaluator, in time (see <see cref="ClaimAhead"/>); zero keeps <paramref name="perEvaluator"/>.</param>
    /// <param name="linger">The longest a finished result waits for others while tasks are in hand (null: 2 ms, which Akka's scheduler rounds up to its tick).</param>
    /// <param name="maxResultsPerMessage">Most results in one message (null: 4,096).</param>
    public static Props Props(IActorRef head, IActorRef pool, IActorRef replica, WorkQueue queue, int evaluators, int perEvaluator, TimeSpan lookahead,
        TimeSpan? linger = null, int? maxResultsPerMessage = null)
    {
        TimeSpan wait = linger ?? TimeSpan.FromMilliseconds(2);
        int most = maxResultsPerMessage ?? 4096;
        return Akka.Actor.Props.Create(() => new TaskFeed(head, pool, replica, queue, evaluators, perEvaluator, lookahead, wait, most));
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>How long a request for work may stay unanswered before the feed asks again (the head may have moved).</summary>
    public static readonly TimeSpan AskAgainAfter = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    protected override void PreStart()
    {
        Context.Watch(_pool);
        Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
        _replica.Tell(new SubscribeParameters());
        Timers.StartPeriodicTimer("refresh", Refresh.Instance, TimeSpan.FromMilliseconds(500));
    }

    /// <inheritdoc/>
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private int Capacity => Math.Max(1, _evaluators) * _ahead.PerEvaluator;

    private void OnParameters(ParametersAdvanced advanced)
    {
        if (_parameters is not null && advanced.Parameters.Generation == _parameters.Generation + 1) _previous = _parameters;
        else if (_parameters is not null && advanced.Parameters.Generation != _parameters.Generation) _previous = null;
        _parameters = advanced.Parameters;
        var ready = _waiting.ToList();
        _waiting.Clear();
        foreach (TaskDelivery d in ready) Route(d);
        Ask();
    }

    private void Ask(bool again = false)
    {
        if ((_asking && !again) || _parameters is null) return;
        int held = _inFlight + _waiting.Count;
        int room = Capacity - held;
        // Ask when half the capacity is free (or nothing is held), not after every task: over a
        // network each request is a round trip, and half a capacity of tasks covers it.
        if (room <= 0 || (held > 0 && room < (Capacity + 1) / 2)) return;
        _asking = true;
        _askedAt = DateTime.UtcNow;
        _head.Tell(new RequestWork(room, Math.Max(1, _evaluators)));
    }

    private void OnRefresh()
    {
        _pool.Tell(GetRoutees.Instance, Self);
        // An unanswered request may have gone to a head that died: the new one needs to hear it.
        if (_asking && DateTime.UtcNow - _askedAt >= AskAgainAfter) Ask(again: true);
        else Ask();
    }

    private void OnWork(WorkBatch batch)
    {
        _asking = false;
        foreach (EvaluationTask task in batch.Tasks) Route(new TaskDelivery($"{task.Generation}/{task.Task}", task));
        Ask();
    }

    private void OnReturnTasks(ReturnTasks ask)
    {
        var taken = new List<Evaluate>();
        _queue.TakeBack(ask.Generation, ask.Max, taken);
        _inFlight -= taken.Count;
        var tasks = new int[taken.Count];
        for (int i = 0; i < taken.Count; i++)
        {
            tasks[i] = taken[i].Delivery.Task.Task;
            _handBacks.Remove(taken[i].Delivery.Id);
        }
        Sender.Tell(new TasksReturned(ask.Generation, tasks));
        SendResults(); // with nothing left in hand, lingering results go now
    }

    private void Route(TaskDelivery delivery)
    {
        ParametersSnapshot current = _parameters!;
        long generation = delivery.Task.Generation;
        ParametersSnapshot? parameters = generation == current.Generation ? current : generation == _previous?.Generation ? _previous : null;
        if (parameters is not null)
        {
            _inFlight++;
            _queue.Add(new Evaluate(delivery, parameters), Self);
        }
        else if (generation > current.Generation)
        {
            _waiting.Add(delivery);
            _replica.Tell(new ParameterReplica.CatchUp(generation));
        }
        // else: a task of a generation the head has finished (a re-issue that lost the race): dropped.
    }

    private void OnEvaluated(Evaluated evaluated)
    {
        _inFlight--;
        _ahead.Observe(evaluated.Seconds);
        _handBacks.Remove(evaluated.Delivery.Id);
        _unsent.Add(evaluated.Result);
        Ask();
        SendResults();
    }

    private void SendResults(bool flush = false)
    {
        if (_unsent.Count == 0) return;
        // Linger: while the node still has tasks in hand, results wait until a quarter of the
        // claim-ahead has finished, or at most the linger time; each message costs the network
        // and the head the same whatever its size. With nothing left in hand, send at once: the
        // generation may be waiting for exactly these.
        if (!flush && _inFlight > 0 && _unsent.Count < Math.Max(1, Capacity / 4))
        {
            if (!Timers.IsTimerActive("linger")) Timers.StartSingleTimer("linger", Flush.Instance, _linger);
            return;
        }
        Timers.Cancel("linger");
        for (int start = 0; start < _unsent.Count; start += _maxResultsPerMessage)
            _head.Tell(new TaskResults(_unsent.GetRange(start, Math.Min(_maxResultsPerMessage, _unsent.Count - start)).ToArray()));
        _unsent.Clear();
    }

    private void OnAbandoned(EvaluationAbandoned abandoned)
    {
        _inFlight--;
        int handBacks = _handBacks.GetValueOrDefault(abandoned.Delivery.Id) + 1;
        _handBacks[abandoned.Delivery.Id] = handBacks;
        _log.Warning("task {0}/{1} abandoned by an evaluator ({2})", abandoned.Delivery.Task.Generation, abandoned.Delivery.Task.Task, abandoned.Reason);
        // Give it to another evaluator a few times; after that drop it: the head's deadline sends it to another node.
        if (handBacks <= 3 && _parameters is not null) Route(abandoned.Delivery);
        else _handBacks.Remove(abandoned.Delivery.Id);
        Ask();
    }

    private sealed record Flush
    {
        public static Flush Instance { get; } = new();
    }

    private sealed record Refresh
    {
        public static Refresh Instance { get; } = new();
    }
}
