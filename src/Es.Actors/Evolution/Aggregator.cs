// The head's aggregator: collects a generation's results in task order, applies the update, publishes it, writes checkpoints and metrics.
using System.Diagnostics;
using Akka.Actor;
using Es.Actors.Hosting;
using Es.Core.Checkpoints;
using Es.Core.Evaluation;
using Es.Core.Runs;
using Es.Core.Training;

namespace Es.Actors.Evolution;

/// <summary>
/// Owns the run's <see cref="Learner"/> and everything that comes from it: the published
/// updates, metrics and checkpoints. Results reach it through its parent, the
/// <see cref="Coordinator"/>, into a <see cref="GenerationAssembler"/> (duplicates and stale
/// generations ignored, so the outcome does not depend on arrival order or retries); it reports a
/// complete generation to the coordinator, and on <see cref="ApplyGeneration"/> applies the
/// update, publishes it on the run's topic (<see cref="GenerationPublished"/>), plans the next
/// generation, and writes metrics and checkpoints. It keeps the last updates, so a replica that
/// missed some gets them (<see cref="GetUpdates"/>), and answers a replica too far behind, or new,
/// with the whole state.
/// </summary>
public sealed class Aggregator : ReceiveActor
{
    private const int KeptUpdates = 64;
    private readonly Learner _learner;
    private readonly RunDirectory? _directory;
    private readonly IRunObserver? _observer;
    private readonly string _environmentId;
    private readonly string _configuration;
    private readonly int _checkpointEvery;
    private readonly double _stragglerCutoff;
    private readonly int _maxUpdatesPerReply;
    private readonly LinkedList<GenerationPublished> _kept = new();
    private GenerationAssembler _assembler = null!;
    private bool _reported;
    private double _bestReturn;
    private EvaluationSummary? _lastEvaluation;
    private int _lastStreak;
    private long _started;

    /// <summary>Creates the aggregator.</summary>
    /// <param name="learner">The run's learner, at the generation to continue from.</param>
    /// <param name="directory">Run directory for metrics and checkpoints, or null.</param>
    /// <param name="observer">Progress callbacks, or null.</param>
    /// <param name="environmentId">Task id, recorded in checkpoints.</param>
    /// <param name="configuration">Resolved configuration, recorded in checkpoints.</param>
    /// <param name="checkpointEvery">Generations between latest checkpoints (0 = only final).</param>
    /// <param name="bestReturn">Best evaluation so far (NaN for none).</param>
    /// <param name="stragglerCutoff">Fraction of the tasks after which a generation completes (1 = all, exact).</param>
    /// <param name="maxUpdatesPerReply">Most updates in one <see cref="UpdatesReply"/>, so a reply stays within the transport's frame.</param>
    public Aggregator(Learner learner, RunDirectory? directory, IRunObserver? observer, string environmentId, string configuration,
        int checkpointEvery, double bestReturn = double.NaN, double stragglerCutoff = 1.0, int maxUpdatesPerReply = 16)
    {
        _stragglerCutoff = stragglerCutoff;
        _learner = learner;
        _directory = directory;
        _observer = observer;
        _environmentId = environmentId;
        _configuration = configuration;
        _checkpointEvery = checkpointEvery;
        _bestReturn = bestReturn;
        _maxUpdatesPerReply = Math.Max(1, maxUpdatesPerReply);
        Receive<TaskResults>(OnResults);
        Receive<GetUpdates>(OnGetUpdates);
        Receive<GetSnapshot>(_ => Sender.Tell(new SnapshotReply(Snapshot(_lastStreak))));
        Receive<Republish>(_ =>
        {
            if (_kept.Last is { } last) RunTopic.Publish(Context.System, last.Value, Self);
        });
        Receive<ApplyGeneration>(OnApply);
        Receive<FinishRun>(OnFinish);
    }

    /// <summary>Props of an aggregator.</summary>
    public static Props Props(Learner learner, string? runDirectory, IRunObserver? observer, string environmentId, string configuration,
        int checkpointEvery, double bestReturn = double.NaN, double stragglerCutoff = 1.0, int maxUpdatesPerReply = 16)
    {
        RunDirectory? directory = runDirectory is null ? null : new RunDirectory(runDirectory);
        return Akka.Actor.Props.Create(() => new Aggregator(learner, directory, observer, environmentId, configuration, checkpointEvery, bestReturn, stragglerCutoff,
            maxUpdatesPerReply));
    }

    /// <inheritdoc/>
    protected override void PreStart()
    {
        _directory?.WriteConfiguration(_configuration);
        Plan();
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

    private void OnResults(TaskResults results)
    {
        foreach (TaskResult r in results.Results) _assembler.Add(r);
        bool enough = _assembler.IsComplete
            || (_stragglerCutoff < 1.0 && _assembler.Received >= Math.Ceiling(_stragglerCutoff * _assembler.TaskCount));
        if (!enough || _reported) return;
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

    // The kept updates from the replica's generation on, or the whole state when the replica is new or too far behind.
    private void OnGetUpdates(GetUpdates ask)
    {
        long oldest = _kept.First?.Value.Update.Generation ?? _learner.Generation;
        if (ask.FromGeneration < 0 || ask.FromGeneration < oldest)
        {
            Sender.Tell(new SnapshotReply(Snapshot(_lastStreak)));
            return;
        }
        GenerationPublished[] updates = _kept.Where(u => u.Update.Generation >= ask.FromGeneration).Take(_maxUpdatesPerReply).ToArray();
        Sender.Tell(new UpdatesReply(updates));
    }

    private void OnApply(ApplyGeneration apply)
    {
        if (apply.Generation != _learner.Generation || !_reported) return;
        bool cut = !_assembler.IsComplete;
        int retried = apply.Reissued + _assembler.ReceivedResults().Sum(r => r.Retries);
        GenerationReport report = _learner.Complete(_assembler, partial: cut);
        _lastStreak = apply.GoalStreak;
        var published = new GenerationPublished(report.Update, apply.GoalStreak, _bestReturn);
        RunTopic.Publish(Context.System, published, Self);
        _kept.AddLast(published);
        if (_kept.Count > KeptUpdates) _kept.RemoveFirst();
        double seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        // The next generation's tasks go out first: the evaluators wait for them, while the
        // metrics and the checkpoint below only need to be done before its results are read.
        Plan();
        var metrics = new GenerationMetrics(report.Generation, report.TotalEpisodes, report.TotalTimesteps, report.ReturnMean, report.ReturnStd, report.ReturnMax,
            report.Evaluation?.Mean, report.GradientNorm, report.ParameterNorm, report.UpdateRatio, retried, report.NonFinite, apply.Evaluators,
            seconds, seconds > 0 ? report.Timesteps / seconds : 0, StragglerCutoff: cut, Nodes: apply.Nodes, Sigma: report.Sigma);
        _directory?.AppendMetrics(metrics);
        _observer?.OnGeneration(metrics);
        if (_directory is not null && _checkpointEvery > 0 && _learner.Generation % _checkpointEvery == 0)
            CheckpointFile.Save(_directory.LatestCheckpoint, Snapshot(apply.GoalStreak));
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
}
