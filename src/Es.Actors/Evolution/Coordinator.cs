// The head's coordinator: runs generations, re-issues overdue tasks, and stops on a goal, a budget, a signal or a failure.
using Akka.Actor;
using Akka.Event;
using Es.Actors.Fabric;
using Es.Actors.Hosting;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Evolution;

/// <summary>
/// Drives a run. It creates the <see cref="Aggregator"/> as its child, publishes the tasks the
/// aggregator plans, re-issues the tasks of the current generation that have no result after
/// the task timeout (at-least-once: duplicates are ignored by the aggregator) and then has the
/// aggregator publish its state again, decides after each complete generation whether the goal
/// is reached, and ends the run with a final checkpoint on a goal, a budget, an interrupt, or a
/// failure such as an empty rollout pool.
/// </summary>
public sealed class Coordinator : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IFabric _fabric;
    private readonly Props _aggregatorProps;
    private readonly StopRule _rule;
    private readonly TimeSpan _taskTimeout;
    private readonly IActorRef? _localPool;
    private readonly TaskCompletionSource<RunOutcome> _completion;
    private readonly IRunObserver? _observer;
    private IActorRef _aggregator = ActorRefs.Nobody;
    private IReadOnlyList<EvaluationTask> _tasks = [];
    private long _generation = -1;
    private DateTime _issuedAt;
    private int _reissued;
    private string? _lastEvaluatorFailure;
    private bool _finishing;

    /// <summary>Creates the coordinator.</summary>
    /// <param name="fabric">Where tasks are published.</param>
    /// <param name="aggregatorProps">Props of its aggregator child.</param>
    /// <param name="rule">Goal and budgets (its streak restored from a checkpoint when resuming).</param>
    /// <param name="taskTimeout">A task without a result after this long is issued again.</param>
    /// <param name="localPool">A rollout pool in this process to watch (single-process mode), or null.</param>
    /// <param name="completion">Completed with the outcome when the run ends.</param>
    /// <param name="observer">Progress callbacks, or null.</param>
    public Coordinator(IFabric fabric, Props aggregatorProps, StopRule rule, TimeSpan taskTimeout, IActorRef? localPool,
        TaskCompletionSource<RunOutcome> completion, IRunObserver? observer)
    {
        _fabric = fabric;
        _aggregatorProps = aggregatorProps;
        _rule = rule;
        _taskTimeout = taskTimeout;
        _localPool = localPool;
        _completion = completion;
        _observer = observer;
        Receive<GenerationPlanned>(OnPlanned);
        Receive<GenerationAssembled>(OnAssembled);
        Receive<CheckDeadlines>(_ => OnCheckDeadlines());
        Receive<MissingTasks>(OnMissing);
        Receive<Published>(_ => { });
        Receive<PublishFailed>(f =>
        {
            _log.Warning("coordinator: publishing tasks failed ({0}); they will be re-issued", f.Error.Message);
            _issuedAt = DateTime.MinValue;
        });
        Receive<Interrupt>(_ => Finish(StopReason.Interrupted, null));
        Receive<EvaluatorStopped>(s => _lastEvaluatorFailure = s.Reason);
        Receive<Terminated>(OnTerminated);
        Receive<RunFinished>(f =>
        {
            _completion.TrySetResult(f.Outcome);
            Context.Stop(Self);
        });
    }

    /// <summary>Props of a coordinator.</summary>
    public static Props Props(IFabric fabric, Props aggregatorProps, StopRule rule, TimeSpan taskTimeout, IActorRef? localPool,
        TaskCompletionSource<RunOutcome> completion, IRunObserver? observer) =>
        Akka.Actor.Props.Create(() => new Coordinator(fabric, aggregatorProps, rule, taskTimeout, localPool, completion, observer));

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Tell the coordinator to end the run now (Ctrl-C), writing the final checkpoint.</summary>
    public sealed record Interrupt
    {
        /// <summary>The message.</summary>
        public static Interrupt Instance { get; } = new();
    }

    /// <inheritdoc/>
    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(EvaluatorStopped));
        if (_localPool is not null) Context.Watch(_localPool);
        // Without an aggregator restart strategy a failure there would silently lose the run: stop and report instead.
        _aggregator = Context.ActorOf(_aggregatorProps, "aggregator");
        Context.Watch(_aggregator);
        TimeSpan tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, _taskTimeout.Ticks / 4));
        Timers.StartPeriodicTimer("deadlines", CheckDeadlines.Instance, tick);
    }

    /// <inheritdoc/>
    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    /// <inheritdoc/>
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _completion.TrySetResult(new RunOutcome(StopReason.Failed, Math.Max(0, _generation), [], null, "the coordinator stopped before the run finished", null));
    }

    private void OnPlanned(GenerationPlanned planned)
    {
        if (_finishing) return;
        if (_rule.BudgetSpent(planned.Generation, planned.TotalTimesteps) is { } budget)
        {
            Finish(budget, null);
            return;
        }
        _generation = planned.Generation;
        _tasks = planned.Tasks;
        _reissued = 0;
        Publish(_tasks);
    }

    private void Publish(IReadOnlyList<EvaluationTask> tasks)
    {
        _issuedAt = DateTime.UtcNow;
        _fabric.PublishTasksAsync(tasks).AsTask().PipeTo(Self, success: () => Published.Instance, failure: e => new PublishFailed(e));
    }

    private void OnCheckDeadlines()
    {
        if (_finishing || _generation < 0) return;
        if (DateTime.UtcNow - _issuedAt >= _taskTimeout) _aggregator.Tell(new GetMissingTasks(_generation));
    }

    private void OnMissing(MissingTasks missing)
    {
        if (_finishing || missing.Generation != _generation || missing.Tasks.Count == 0) return;
        _reissued += missing.Tasks.Count;
        string message = $"generation {missing.Generation}: re-issuing {missing.Tasks.Count} overdue task(s)";
        _log.Info("{0}", message);
        _observer?.OnEvent(message);
        Publish(missing.Tasks.Select(j => _tasks[j]).ToArray());
        _aggregator.Tell(Republish.Instance);
    }

    private void OnAssembled(GenerationAssembled assembled)
    {
        if (_finishing || assembled.Generation != _generation) return;
        if (_rule.GoalReached(assembled.Evaluation))
        {
            Finish(StopReason.Goal, null);
            return;
        }
        _aggregator.Tell(new ApplyGeneration(assembled.Generation, _rule.Streak, _reissued));
    }

    private void OnTerminated(Terminated terminated)
    {
        if (_finishing) return;
        if (terminated.ActorRef.Equals(_localPool))
        {
            string why = _lastEvaluatorFailure is null ? "" : $"; the last evaluator failure was: {_lastEvaluatorFailure}";
            Finish(StopReason.Failed, $"no evaluators are left: every evaluator of the rollout pool has stopped after failing past its retry budget{why}");
        }
        else if (terminated.ActorRef.Equals(_aggregator))
        {
            _completion.TrySetResult(new RunOutcome(StopReason.Failed, _generation, [], null, "the aggregator failed (see the log); no final checkpoint was written", null));
            Context.Stop(Self);
        }
    }

    private void Finish(StopReason reason, string? error)
    {
        if (_finishing) return;
        _finishing = true;
        _aggregator.Tell(new FinishRun(reason, error, _rule.Streak));
    }

    private sealed record CheckDeadlines
    {
        public static CheckDeadlines Instance { get; } = new();
    }

    private sealed record Published
    {
        public static Published Instance { get; } = new();
    }

    private sealed record PublishFailed(Exception Error);
}
