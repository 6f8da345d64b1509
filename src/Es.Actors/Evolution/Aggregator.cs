// The head's aggregator: collects a generation's results in task order, applies the update, writes checkpoints and metrics.
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Es.Actors.Fabric;
using Es.Actors.Hosting;
using Es.Core.Checkpoints;
using Es.Core.Evaluation;
using Es.Core.Runs;
using Es.Core.Training;

namespace Es.Actors.Evolution;

/// <summary>
/// Owns the run's <see cref="Learner"/> and everything that comes from it: the update log and
/// the snapshot in the fabric, metrics and checkpoints. It starts by making the fabric's log its
/// own (asynchronously; messages wait in its stash meanwhile), then reads results from the
/// fabric's result log into a <see cref="GenerationAssembler"/> (duplicates and stale
/// generations ignored, so the outcome does not depend on arrival order or retries), reports a
/// complete generation to its parent, the <see cref="Coordinator"/>, and on
/// <see cref="ApplyGeneration"/> applies the update, publishes it, plans the next generation,
/// and writes metrics and checkpoints.
/// </summary>
public sealed class Aggregator : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IFabric _fabric;
    private readonly Learner _learner;
    private readonly RunDirectory? _directory;
    private readonly IRunObserver? _observer;
    private readonly string _environmentId;
    private readonly string _configuration;
    private readonly int _checkpointEvery;
    private readonly double _stragglerCutoff;
    private GenerationAssembler _assembler = null!;
    private string? _position;
    private bool _reported;
    private double _bestReturn;
    private EvaluationSummary? _lastEvaluation;
    private GenerationUpdate? _lastUpdate;
    private int _lastStreak;
    private long _started;
    private int _evaluators;
    private Dictionary<string, NodeStatus> _members = new(StringComparer.Ordinal);

    /// <summary>Creates the aggregator.</summary>
    /// <param name="fabric">Where results come from and updates go.</param>
    /// <param name="learner">The run's learner, at the generation to continue from.</param>
    /// <param name="directory">Run directory for metrics and checkpoints, or null.</param>
    /// <param name="observer">Progress callbacks, or null.</param>
    /// <param name="environmentId">Task id, recorded in checkpoints.</param>
    /// <param name="configuration">Resolved configuration, recorded in checkpoints.</param>
    /// <param name="checkpointEvery">Generations between latest checkpoints and snapshots (0 = only final).</param>
    /// <param name="bestReturn">Best evaluation so far (NaN for none).</param>
    /// <param name="stragglerCutoff">Fraction of the tasks after which a generation completes (1 = all, exact).</param>
    public Aggregator(IFabric fabric, Learner learner, RunDirectory? directory, IRunObserver? observer, string environmentId, string configuration,
        int checkpointEvery, double bestReturn = double.NaN, double stragglerCutoff = 1.0)
    {
        _stragglerCutoff = stragglerCutoff;
        _fabric = fabric;
        _learner = learner;
        _directory = directory;
        _observer = observer;
        _environmentId = environmentId;
        _configuration = configuration;
        _checkpointEvery = checkpointEvery;
        _bestReturn = bestReturn;
        Starting();
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc/>
    public IStash Stash { get; set; } = null!;

    // Until the fabric's log is this head's: everything else waits.
    private void Starting()
    {
        Receive<Started>(_ =>
        {
            Become(Running);
            Stash.UnstashAll();
            Plan();
            Self.Tell(Pump.Instance);
        });
        // Without its log and snapshot no replica can follow this head: fail, and the coordinator ends the run saying so.
        Receive<StartFailed>(f => throw new InvalidOperationException($"the aggregator could not prepare the fabric: {f.Error.Message}", f.Error));
        ReceiveAny(_ => Stash.Stash());
    }

    private void Running()
    {
        Receive<Pump>(_ => _fabric.ReadResultsAsync(_position, 4096, TimeSpan.FromMilliseconds(500)).AsTask()
            .PipeTo(Self, success: b => new ResultsRead(b), failure: e => new FabricFailed(e)));
        Receive<ResultsRead>(OnResults);
        Receive<FabricFailed>(f =>
        {
            _log.Warning("aggregator: the fabric failed ({0}); retrying", f.Error.Message);
            Timers.StartSingleTimer("pump", Pump.Instance, TimeSpan.FromMilliseconds(500));
        });
        Receive<GetMissingTasks>(m =>
        {
            int[] missing = m.Generation == _assembler.Generation ? Enumerable.Range(0, _assembler.TaskCount).Where(j => !_assembler.Has(j)).ToArray() : [];
            Sender.Tell(new MissingTasks(m.Generation, missing));
        });
        Receive<Republish>(_ => OnRepublish());
        Receive<Republished>(_ => { });
        Receive<RepublishFailed>(f => _log.Warning("aggregator: publishing the last update and snapshot again failed ({0}); the next overdue check tries again", f.Error.Message));
        ReceiveAsync<ApplyGeneration>(OnApply);
        Receive<FinishRun>(OnFinish);
    }

    /// <summary>Props of an aggregator.</summary>
    public static Props Props(IFabric fabric, Learner learner, RunDirectory? directory, IRunObserver? observer, string environmentId, string configuration,
        int checkpointEvery, double bestReturn = double.NaN, double stragglerCutoff = 1.0) =>
        Akka.Actor.Props.Create(() => new Aggregator(fabric, learner, directory, observer, environmentId, configuration, checkpointEvery, bestReturn, stragglerCutoff));

    /// <inheritdoc/>
    protected override void PreStart()
    {
        _directory?.WriteConfiguration(_configuration);
        TakeOverAsync(Snapshot(0)).PipeTo(Self, success: () => Started.Instance, failure: e => new StartFailed(e));
    }

    private async Task TakeOverAsync(Checkpoint snapshot)
    {
        // The log is this head's history from here on: a predecessor killed after publishing an
        // update but before checkpointing it (or an earlier run under the same id) left updates
        // this head will make again, or never. Replicas already past this point roll back to the
        // snapshot below when they see this head's tasks (ParameterReplica.CheckHead).
        await _fabric.ForgetGenerationsAsync(_learner.Generation).ConfigureAwait(false);
        // Replicas (late joiners included) start from this snapshot and follow the update log.
        await _fabric.PublishSnapshotAsync(snapshot).ConfigureAwait(false);
    }

    private Checkpoint Snapshot(int goalStreak) => _learner.ToCheckpoint(_environmentId, _bestReturn, _configuration, goalStreak);

    private void Plan()
    {
        IReadOnlyList<EvaluationTask> tasks = _learner.Tasks();
        _assembler = new GenerationAssembler(_learner.Generation, tasks.Count);
        _reported = false;
        _started = Stopwatch.GetTimestamp();
        Context.Parent.Tell(new GenerationPlanned(_learner.Generation, tasks, _learner.TotalTimesteps));
    }

    private void OnResults(ResultsRead read)
    {
        _position = read.Batch.Position;
        foreach (TaskResult r in read.Batch.Results) _assembler.Add(r);
        bool enough = _assembler.IsComplete
            || (_stragglerCutoff < 1.0 && _assembler.Received >= Math.Ceiling(_stragglerCutoff * _assembler.TaskCount));
        if (enough && !_reported)
        {
            _reported = true;
            EvaluationSummary? evaluation = _learner.Summarize(_assembler, partial: !_assembler.IsComplete);
            if (evaluation is not null)
            {
                _lastEvaluation = evaluation;
                if (double.IsNaN(_bestReturn) || evaluation.Mean > _bestReturn)
                {
                    _bestReturn = evaluation.Mean;
                    // θ_g, the parameters just evaluated: the update is not applied yet.
                    if (_directory is not null) CheckpointFile.Save(_directory.BestCheckpoint, Snapshot(0));
                }
            }
            Context.Parent.Tell(new GenerationAssembled(_assembler.Generation, evaluation));
        }
        Self.Tell(Pump.Instance);
    }

    private async Task OnApply(ApplyGeneration apply)
    {
        if (apply.Generation != _learner.Generation || !_reported) return;
        bool cut = !_assembler.IsComplete;
        int retried = apply.Reissued + _assembler.ReceivedResults().Sum(r => r.Retries);
        GenerationReport report = _learner.Complete(_assembler, partial: cut);
        await _fabric.PublishGenerationAsync(report.Update).ConfigureAwait(true);
        _lastUpdate = report.Update;
        _lastStreak = apply.GoalStreak;
        double seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        Checkpoint? snapshot = _checkpointEvery > 0 && _learner.Generation % _checkpointEvery == 0 ? Snapshot(apply.GoalStreak) : null;
        // The next generation's tasks go out first: the evaluators wait for them, while the
        // membership read, the metrics and the checkpoint below only need to be done before
        // this generation's results are read.
        Plan();
        IReadOnlyList<NodeStatus> members = await _fabric.MembersAsync().ConfigureAwait(true);
        _evaluators = members.Sum(m => m.Evaluators);
        ReportMembershipChanges(members);
        var metrics = new GenerationMetrics(report.Generation, report.TotalEpisodes, report.TotalTimesteps, report.ReturnMean, report.ReturnStd, report.ReturnMax,
            report.Evaluation?.Mean, report.GradientNorm, report.ParameterNorm, report.UpdateRatio, retried, report.NonFinite, _evaluators,
            seconds, seconds > 0 ? report.Timesteps / seconds : 0, StragglerCutoff: cut, Nodes: members.Count, Sigma: report.Sigma);
        _directory?.AppendMetrics(metrics);
        _observer?.OnGeneration(metrics);
        if (snapshot is not null)
        {
            if (_directory is not null) CheckpointFile.Save(_directory.LatestCheckpoint, snapshot);
            await _fabric.PublishSnapshotAsync(snapshot).ConfigureAwait(true);
        }
    }

    /// <summary>
    /// Overdue tasks can mean the fabric lost its state (a Redis server restarted without
    /// persistence): a replica that had not yet read the last update, or a node joining now,
    /// could then never reach this generation. Publishing the last update and a snapshot again
    /// is idempotent for everyone else.
    /// </summary>
    private void OnRepublish()
    {
        GenerationUpdate? update = _lastUpdate;
        Checkpoint snapshot = Snapshot(_lastStreak);
        RepublishAsync(update, snapshot).PipeTo(Self, success: () => Republished.Instance, failure: e => new RepublishFailed(e));
    }

    private async Task RepublishAsync(GenerationUpdate? update, Checkpoint snapshot)
    {
        if (update is not null) await _fabric.PublishGenerationAsync(update).ConfigureAwait(false);
        await _fabric.PublishSnapshotAsync(snapshot).ConfigureAwait(false);
    }

    private void ReportMembershipChanges(IReadOnlyList<NodeStatus> members)
    {
        var now = members.ToDictionary(m => m.NodeId, StringComparer.Ordinal);
        foreach (NodeStatus joined in members.Where(m => !_members.ContainsKey(m.NodeId)))
            Announce($"node {joined.NodeId} is up ({joined.Role}, {joined.Evaluators} evaluator(s))");
        foreach (string gone in _members.Keys.Where(id => !now.ContainsKey(id)))
            Announce($"node {gone} is unreachable: its heartbeat expired; its unfinished tasks go to other nodes");
        _members = now;
    }

    private void Announce(string message)
    {
        _log.Info("{0}", message);
        _observer?.OnEvent(message);
    }

    private void OnFinish(FinishRun finish)
    {
        Checkpoint final = Snapshot(finish.GoalStreak);
        string? path = null;
        if (_directory is not null)
        {
            CheckpointFile.Save(_directory.LatestCheckpoint, final);
            CheckpointFile.Save(_directory.FinalCheckpoint, final);
            path = _directory.FinalCheckpoint;
        }
        Sender.Tell(new RunFinished(new RunOutcome(finish.Reason, _learner.Generation, _learner.Parameters.ToArray(), _lastEvaluation, finish.Error, path)));
    }

    private sealed record Pump
    {
        public static Pump Instance { get; } = new();
    }

    private sealed record Started
    {
        public static Started Instance { get; } = new();
    }

    private sealed record StartFailed(Exception Error);

    private sealed record ResultsRead(ResultBatch Batch);

    private sealed record FabricFailed(Exception Error);

    private sealed record Republished
    {
        public static Republished Instance { get; } = new();
    }

    private sealed record RepublishFailed(Exception Error);

}
