// What an evaluator with lanes hands a batch of tasks to: episodes in lockstep, or a test function's points together.
using Es.Core.Normalization;
using Es.Core.Strategies;

namespace Es.Core.Evaluation;

/// <summary>
/// Evaluates several tasks of one generation together, faster than one at a time, with every
/// result the very bits <see cref="PairEvaluator.Evaluate"/> gives for its task (DESIGN.md, rule 4).
/// <see cref="LockstepRollouts"/> steps episodes in lanes; <see cref="ObjectiveLanes"/> scores a
/// test function's candidates several at a time.
/// </summary>
public interface IBatchEvaluator
{
    /// <summary>Writes the result of <paramref name="tasks"/>[i] into <paramref name="results"/>[i].</summary>
    /// <exception cref="ArgumentException">The sampler is for another dimension or generation than a task, or <paramref name="results"/> is too short.</exception>
    void Evaluate(ICandidateSampler sampler, ObservationNormalizer normalizer, IReadOnlyList<EvaluationTask> tasks, Span<TaskResult> results);
}
