// One unit of work of a generation: a mirrored pair (or a single candidate) on one environment seed.
namespace Es.Core.Evaluation;

/// <summary>
/// What the coordinator sends to an evaluator: a few integers. The perturbation is the
/// noise-table slice at <see cref="NoiseIndex"/>; everything else the evaluator needs (θ of the
/// generation, the normalizer, σ) it already holds.
/// </summary>
/// <param name="Generation">Generation g.</param>
/// <param name="Task">Task index j within the generation.</param>
/// <param name="NoiseIndex">Start of ε in the noise table.</param>
/// <param name="EnvironmentSeed">Reset seed shared by both members of the pair.</param>
/// <param name="CollectStatistics">Whether this task's training rollouts report observation statistics.</param>
/// <param name="Kind">A training pair, or an evaluation episode of θ itself.</param>
public readonly record struct EvaluationTask(long Generation, int Task, int NoiseIndex, ulong EnvironmentSeed, bool CollectStatistics, TaskKind Kind = TaskKind.Train);

/// <summary>What a task asks the evaluator to do.</summary>
public enum TaskKind
{
    /// <summary>Evaluate θ + σε (and θ − σε when mirrored) with action noise; may report statistics.</summary>
    Train,

    /// <summary>Run one evaluation episode of θ itself: no perturbation, no action noise, no statistics.</summary>
    Evaluate,
}
