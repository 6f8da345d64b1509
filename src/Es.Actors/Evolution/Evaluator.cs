// The rollout actor: owns an environment and a policy buffer, evaluates one task, or a batch of one generation's tasks in lockstep lanes.
using System.Diagnostics;
using Akka.Actor;
using Es.Core.Evaluation;

namespace Es.Actors.Evolution;

/// <summary>
/// Evaluates <see cref="Evaluate"/> requests with its own <see cref="PairEvaluator"/>. When an
/// evaluation throws, its supervisor restarts it (a fresh environment, built again by the
/// factory) and the failing request is retried, up to a per-task budget; after that, or when the
/// supervisor stops it, the request is answered with <see cref="EvaluationAbandoned"/> so the
/// task is evaluated elsewhere. Nothing is lost silently. With a <see cref="WorkQueue"/> it takes
/// its next request from the queue itself as soon as it is done (and on start), instead of
/// waiting for the feed to send one, and holds its answers while it goes on to queued tasks, for
/// at most <see cref="HoldAtMost"/> of evaluation, so the feed takes them in one turn; what is
/// held goes out as soon as the queue has nothing more for it (and before a restart or a stop).
/// </summary>
/// <remarks>
/// With <c>batch</c> above 1 (the run's lockstep lanes, <c>es.rollouts.lanes</c>) an evaluator
/// that receives a first try takes up to <c>batch</c> − 1 more requests of the same parameters
/// from the front of its queue (<see cref="WorkQueue.TakeSameGeneration"/>), but no more than its
/// share of the queue among the <c>sharers</c> evaluators taking from it, and evaluates them
/// all at once with <see cref="PairEvaluator.EvaluateMany"/>, whose episodes step together in
/// lanes; it still answers one <see cref="Evaluated"/> per task, with the bits
/// <see cref="PairEvaluator.Evaluate"/> gives (DESIGN.md, rule 4). When a batch throws, each of its
/// tasks is retried alone after the restart (so one failing task cannot spend the others'
/// budget twice), or abandoned once its own budget is spent. With <c>batch</c> = 1 every request
/// is evaluated alone through <see cref="PairEvaluator.Evaluate"/>, as before lanes existed.
/// </remarks>
public sealed class Evaluator : ReceiveActor
{
    private readonly PairEvaluator _evaluator;
    private readonly int _maxAttempts;
    private readonly int _batch;
    private readonly int _sharers;
    private readonly WorkQueue? _queue;
    // The requests being evaluated and who to answer each: one, or a batch of one generation.
    private readonly List<(Evaluate Request, IActorRef ReplyTo)> _current = [];
    private readonly List<EvaluationTask> _tasks = [];
    // Answers held while this evaluator goes on to its next queued task, sent together (see HoldAtMost).
    private readonly List<(IActorRef ReplyTo, Evaluated Answer)> _held = [];
    private readonly TimeSpan _hold;
    private Exception? _lastFailure;
    private bool _restarting;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="factory">Builds its evaluator (environment, policy, buffers); called again on every restart.</param>
    /// <param name="maxAttempts">Attempts per task in this evaluator before the task is handed back.</param>
    /// <param name="queue">The node's queue to take requests from, or null to only evaluate what is sent.</param>
    /// <param name="batch">Most tasks evaluated together (the run's lockstep lanes); 1 evaluates each task alone.</param>
    /// <param name="sharers">Evaluators taking from <paramref name="queue"/>: a batch takes no more than its share of the queue.</param>
    /// <param name="hold">Most evaluation time whose answers are held while queued tasks follow (null: <see cref="HoldAtMost"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> or <paramref name="sharers"/> is below 1.</exception>
    public Evaluator(Func<PairEvaluator> factory, int maxAttempts = 3, WorkQueue? queue = null, int batch = 1, int sharers = 1, TimeSpan? hold = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sharers, 1);
        _evaluator = factory();
        _maxAttempts = maxAttempts;
        _queue = queue;
        _batch = batch;
        _sharers = sharers;
        _hold = hold ?? HoldAtMost;
        Receive<Evaluate>(OnEvaluate);
    }

    /// <summary>Props for an evaluator built by <paramref name="factory"/>.</summary>
    /// <param name="factory">Builds its evaluator.</param>
    /// <param name="maxAttempts">Attempts per task before it is handed back.</param>
    /// <param name="queue">The node's queue to take requests from, or null.</param>
    /// <param name="batch">Most tasks of one generation evaluated together in lockstep (1 = one at a time).</param>
    /// <param name="sharers">Evaluators taking from <paramref name="queue"/>, whose share of the queue bounds a batch.</param>
    /// <param name="hold">Most evaluation time whose answers are held while queued tasks follow (null: <see cref="HoldAtMost"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> or <paramref name="sharers"/> is below 1.</exception>
    public static Props Props(Func<PairEvaluator> factory, int maxAttempts = 3, WorkQueue? queue = null, int batch = 1, int sharers = 1, TimeSpan? hold = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sharers, 1);
        return Akka.Actor.Props.Create(() => new Evaluator(factory, maxAttempts, queue, batch, sharers, hold));
    }

    /// <inheritdoc/>
    protected override void PreStart() => TakeNext();

    private void OnEvaluate(Evaluate request)
    {
        _current.Clear();
        _current.Add((request, Sender));
        // A retry runs alone: a task whose evaluation failed does not take others down with it again.
        if (_batch > 1 && request.Attempt == 0 && _queue is not null)
        {
            // This evaluator's share of what is waiting (guided self-scheduling), so the others are
            // not left idle while one evaluates most of a generation; but at least a quarter of the
            // lanes' worth (each task has two or more episodes), so small batches still fill vectors.
            int share = (_queue.Count + 1 + _sharers - 1) / _sharers;
            int take = Math.Min(_batch, Math.Max(share, (_batch + 3) / 4));
            _queue.TakeSameGeneration(request.Parameters, take - 1, _current);
        }
        try
        {
            long started = Stopwatch.GetTimestamp();
            if (_batch == 1)
            {
                TaskResult result = _evaluator.Evaluate(request.Parameters.Sampler, request.Parameters.Normalizer, request.Delivery.Task);
                Reply(request, Sender, result, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            else
            {
                _tasks.Clear();
                foreach (var (r, _) in _current) _tasks.Add(r.Delivery.Task);
                TaskResult[] results = _evaluator.EvaluateMany(request.Parameters.Sampler, request.Parameters.Normalizer, _tasks);
                // Each task's share of the batch's time: what the feed's claim-ahead rule reads as one task's time.
                double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds / _current.Count;
                for (int i = 0; i < _current.Count; i++) Reply(_current[i].Request, _current[i].ReplyTo, results[i], seconds);
            }
        }
        catch (Exception e)
        {
            _lastFailure = e;
            throw;
        }
        _current.Clear();
        TakeNext();
    }

    /// <summary>
    /// Most evaluation time whose answers an evaluator holds while it goes on to queued tasks. Each
    /// answer told on its own wakes the feed once (a thread-pool turn, and on a busy machine a
    /// thread's spin) for a quarter of a millisecond of CartPole; held answers go out together, in
    /// one turn of the feed. The feed claims ahead by 16 ms of work, so 1 ms more before it hears
    /// does not starve it, and whatever is held goes out as soon as the queue has nothing more.
    /// </summary>
    public static readonly TimeSpan HoldAtMost = TimeSpan.FromMilliseconds(1);

    private const int HeldAtMost = 64;

    private void Reply(Evaluate request, IActorRef replyTo, TaskResult result, double seconds)
    {
        int retries = request.Attempt + (request.Delivery.Reclaimed ? 1 : 0);
        var answer = new Evaluated(request.Delivery, result with { Retries = retries }, seconds);
        if (_queue is null)
        {
            replyTo.Tell(answer);
            return;
        }
        _held.Add((replyTo, answer));
    }

    private void SendHeld()
    {
        foreach (var (replyTo, answer) in _held) replyTo.Tell(answer);
        _held.Clear();
    }

    // The next request goes through this evaluator's own mailbox, so a failure in it is supervised like any other.
    // Held answers go out first when there is no next request, or when enough are held.
    private void TakeNext()
    {
        if (_queue is not null && _queue.TakeOrPark(Self, out var next))
        {
            if (_held.Count >= HeldAtMost || _held.Sum(h => h.Answer.Seconds) >= _hold.TotalSeconds) SendHeld();
            Self.Tell(next.Request, next.ReplyTo);
        }
        else
        {
            SendHeld();
        }
    }

    /// <inheritdoc/>
    protected override void PreRestart(Exception reason, object? message)
    {
        SendHeld(); // answers of tasks that did finish
        if (message is Evaluate)
        {
            // Every task of the failed batch, each within its own budget, retried alone after the restart.
            foreach (var (failed, replyTo) in _current)
            {
                if (failed.Attempt + 1 < _maxAttempts)
                    Self.Tell(failed with { Attempt = failed.Attempt + 1 }, replyTo);
                else
                    replyTo.Tell(new EvaluationAbandoned(failed.Delivery, reason.Message));
            }
        }
        _current.Clear();
        _restarting = true;
        base.PreRestart(reason, message);
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        SendHeld();
        if (_restarting) return;
        _queue?.Unpark(Self);
        foreach (var (current, replyTo) in _current)
            replyTo.Tell(new EvaluationAbandoned(current.Delivery, _lastFailure?.Message ?? "the evaluator stopped"));
        _current.Clear();
        if (_lastFailure is not null)
            Context.System.EventStream.Publish(new EvaluatorStopped(Self.Path.ToString(), _lastFailure.Message));
    }
}
