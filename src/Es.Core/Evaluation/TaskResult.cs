// What an evaluator returns for one task: a few scalars and, sometimes, observation statistics.
using Es.Core.Normalization;

namespace Es.Core.Evaluation;

/// <summary>The result of an <see cref="EvaluationTask"/>.</summary>
/// <param name="Generation">Generation g of the task.</param>
/// <param name="Task">Task index j.</param>
/// <param name="FitnessPositive">Fitness of θ + σε.</param>
/// <param name="FitnessNegative">Fitness of θ − σε (NaN without mirrored sampling).</param>
/// <param name="StepsPositive">Environment steps of the + evaluation.</param>
/// <param name="StepsNegative">Environment steps of the − evaluation (0 without mirrored sampling).</param>
/// <param name="Statistics">Raw observation statistics of both rollouts, when the task collects them.</param>
/// <param name="Retries">How many failed attempts preceded this result (evaluator restarts); for metrics only.</param>
public sealed record TaskResult(long Generation, int Task, double FitnessPositive, double FitnessNegative, int StepsPositive, int StepsNegative, ObservationStats? Statistics, int Retries = 0)
{
    /// <summary>Total environment steps of the task.</summary>
    public long Steps => (long)StepsPositive + StepsNegative;
}
