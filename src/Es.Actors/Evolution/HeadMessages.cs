// Messages between the coordinator and the aggregator on the head. The coordinator owns the tasks
// (publishing, deadlines, re-issue) and the decision to stop; the aggregator owns the learner and
// everything it produces (results read, updates, snapshots, metrics, checkpoints). Per generation:
// GenerationPlanned and GenerationAssembled go up, ApplyGeneration comes down; results and
// the replicas' questions pass through the coordinator to the aggregator.
using Es.Actors.Hosting;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Evolution;

/// <summary>The aggregator is ready to collect generation g; the coordinator publishes its tasks.</summary>
/// <param name="Generation">Generation g.</param>
/// <param name="Tasks">Its tasks, in task order.</param>
/// <param name="TotalTimesteps">Training steps before generation g (for the timestep budget).</param>
public sealed record GenerationPlanned(long Generation, IReadOnlyList<EvaluationTask> Tasks, long TotalTimesteps);

/// <summary>Every result of generation g is in; the coordinator decides whether to apply it.</summary>
/// <param name="Generation">Generation g.</param>
/// <param name="Evaluation">The evaluation of θ_g, when this generation evaluated it.</param>
public sealed record GenerationAssembled(long Generation, EvaluationSummary? Evaluation);

/// <summary>Apply generation g's update, publish it and plan g+1 (answered by the <see cref="GenerationPlanned"/> of g+1).</summary>
/// <param name="Generation">Generation g.</param>
/// <param name="GoalStreak">The stop rule's streak, stored in checkpoints.</param>
/// <param name="Reissued">Tasks the coordinator re-issued in this generation (for the metrics).</param>
/// <param name="Nodes">Nodes that asked for work and are still members (for the metrics).</param>
/// <param name="Evaluators">Their evaluators (for the metrics).</param>
public sealed record ApplyGeneration(long Generation, int GoalStreak, int Reissued, int Nodes, int Evaluators);

/// <summary>
/// Tasks are overdue: a node may be waiting for an update it missed (the run's topic is at most
/// once), so publish the last update again. Told by the coordinator after it re-issues overdue
/// tasks; idempotent for every replica that had it.
/// </summary>
public sealed record Republish
{
    /// <summary>The message.</summary>
    public static Republish Instance { get; } = new();
}

/// <summary>End the run: write the final checkpoint and answer <see cref="RunFinished"/>.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Error">What went wrong, for <see cref="StopReason.Failed"/>.</param>
/// <param name="GoalStreak">The stop rule's streak.</param>
public sealed record FinishRun(StopReason Reason, string? Error, int GoalStreak);

/// <summary>The run has ended.</summary>
/// <param name="Outcome">How.</param>
public sealed record RunFinished(RunOutcome Outcome);
