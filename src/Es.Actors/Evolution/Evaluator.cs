// The rollout actor: owns an environment and a policy buffer, evaluates one task at a time.
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
/// waiting for the feed to send one.
/// </summary>
public sealed class Evaluator : ReceiveActor
{
    private readonly PairEvaluator _evaluator;
    private readonly int _maxAttempts;
    private readonly WorkQueue? _queue;
    private Evaluate? _current;
    private IActorRef? _currentSender;
    private Exception? _lastFailure;
    private bool _restarting;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="factory">Builds its evaluator (environment, policy, buffers); called again on every restart.</param>
    /// <param name="maxAttempts">Attempts per task in this evaluator before the task is handed back.</param>
    /// <param name="queue">The node's queue to take requests from, or null to only evaluate what is sent.</param>
    public Evaluator(Func<PairEvaluator> factory, int maxAttempts = 3, WorkQueue? queue = null)
    {
        _evaluator = factory();
        _maxAttempts = maxAttempts;
        _queue = queue;
        Receive<Evaluate>(OnEvaluate);
    }

    /// <summary>Props for an evaluator built by <paramref name="factory"/>.</summary>
    /// <param name="factory">Builds its evaluator.</param>
    /// <param name="maxAttempts">Attempts per task before it is handed back.</param>
    /// <param name="queue">The node's queue to take requests from, or null.</param>
    public static Props Props(Func<PairEvaluator> factory, int maxAttempts = 3, WorkQueue? queue = null) =>
        Akka.Actor.Props.Create(() => new Evaluator(factory, maxAttempts, queue));

    /// <inheritdoc/>
    protected override void PreStart() => TakeNext();

    private void OnEvaluate(Evaluate request)
    {
        _current = request;
        _currentSender = Sender;
        try
        {
            long started = Stopwatch.GetTimestamp();
            TaskResult result = _evaluator.Evaluate(request.Parameters.Sampler, request.Parameters.Normalizer, request.Delivery.Task);
            int retries = request.Attempt + (request.Delivery.Reclaimed ? 1 : 0);
            Sender.Tell(new Evaluated(request.Delivery, result with { Retries = retries }, Stopwatch.GetElapsedTime(started).TotalSeconds));
        }
        catch (Exception e)
        {
            _lastFailure = e;
            throw;
        }
        _current = null;
        TakeNext();
    }

    // The next request goes through this evaluator's own mailbox, so a failure in it is supervised like any other.
    private void TakeNext()
    {
        if (_queue is not null && _queue.TakeOrPark(Self, out var next)) Self.Tell(next.Request, next.ReplyTo);
    }

    /// <inheritdoc/>
    protected override void PreRestart(Exception reason, object? message)
    {
        if (message is Evaluate failed && _currentSender is { } sender)
        {
            if (failed.Attempt + 1 < _maxAttempts)
                Self.Tell(failed with { Attempt = failed.Attempt + 1 }, sender);
            else
                sender.Tell(new EvaluationAbandoned(failed.Delivery, reason.Message));
        }
        _current = null;
        _restarting = true;
        base.PreRestart(reason, message);
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        if (_restarting) return;
        _queue?.Unpark(Self);
        if (_current is { } current && _currentSender is { } sender)
            sender.Tell(new EvaluationAbandoned(current.Delivery, _lastFailure?.Message ?? "the evaluator stopped"));
        if (_lastFailure is not null)
            Context.System.EventStream.Publish(new EvaluatorStopped(Self.Path.ToString(), _lastFailure.Message));
    }
}
