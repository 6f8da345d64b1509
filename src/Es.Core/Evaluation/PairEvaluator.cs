// Evaluates one task: rebuilds its candidates from the generation's sampler and scores them on the same seed.
using Es.Core.Normalization;
using Es.Core.Numerics;
using Es.Core.Strategies;

namespace Es.Core.Evaluation;

/// <summary>
/// The work of one evaluator, independent of actors: the result is a pure function of
/// (generation sampler, normalizer, task), which is what lets any node evaluate any task
/// (DESIGN.md, rule 1). Works for every strategy: the sampler turns the task's noise index into
/// parameters. Not thread-safe: one per evaluator.
/// </summary>
public sealed class PairEvaluator
{
    private readonly IFitnessFunction _fitness;
    // Line-aligned: the one-episode forward pass reads its weights from here in 512-bit vectors.
    private readonly AlignedFloats _buffer;
    private readonly Func<IBatchEvaluator>? _lockstepFactory;
    private IBatchEvaluator? _lockstep;

    /// <summary>Creates an evaluator around the fitness function it owns.</summary>
    /// <param name="fitness">Scores one candidate at a time.</param>
    /// <param name="lockstep">
    /// Builds the lanes <see cref="EvaluateMany"/> evaluates several tasks in: a
    /// <see cref="LockstepRollouts"/> that steps their episodes together, or an
    /// <see cref="ObjectiveLanes"/> that scores a test function's candidates together (the same
    /// evaluations as <paramref name="fitness"/>, so the same bits); null to evaluate batches task
    /// by task. Called on the first batch only, so an evaluator that never gets one never builds them.
    /// </param>
    public PairEvaluator(IFitnessFunction fitness, Func<IBatchEvaluator>? lockstep = null)
    {
        _fitness = fitness;
        _buffer = new AlignedFloats(fitness.Dimension);
        _lockstepFactory = lockstep;
    }

    /// <summary>The fitness function (for evaluation episodes of θ itself).</summary>
    public IFitnessFunction Fitness => _fitness;

    /// <summary>
    /// Evaluates several tasks of one generation: in lanes when this evaluator has them, else one by
    /// one. Either way <c>result[i]</c> is the very bits <see cref="Evaluate"/> gives for
    /// <paramref name="tasks"/>[i]; lanes only make small policies, cheap environments and test
    /// functions faster.
    /// </summary>
    /// <exception cref="ArgumentException">The sampler is for another dimension or generation than a task.</exception>
    public TaskResult[] EvaluateMany(ICandidateSampler sampler, ObservationNormalizer normalizer, IReadOnlyList<EvaluationTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var results = new TaskResult[tasks.Count];
        if (_lockstepFactory is not null && tasks.Count > 0)
        {
            if (sampler.Dimension != _buffer.Length)
                throw new ArgumentException($"the sampler has {sampler.Dimension} parameters, the fitness function {_buffer.Length}.", nameof(sampler));
            (_lockstep ??= _lockstepFactory()).Evaluate(sampler, normalizer, tasks, results);
            return results;
        }
        for (int i = 0; i < tasks.Count; i++) results[i] = Evaluate(sampler, normalizer, tasks[i]);
        return results;
    }

    /// <summary>Evaluates <paramref name="task"/> of the generation <paramref name="sampler"/> describes.</summary>
    /// <exception cref="ArgumentException">The sampler is for another dimension or generation.</exception>
    public TaskResult Evaluate(ICandidateSampler sampler, ObservationNormalizer normalizer, in EvaluationTask task)
    {
        if (sampler.Dimension != _buffer.Length)
            throw new ArgumentException($"the sampler has {sampler.Dimension} parameters, the fitness function {_buffer.Length}.", nameof(sampler));
        if (sampler.Generation != task.Generation)
            throw new ArgumentException($"task is of generation {task.Generation}, the sampler of generation {sampler.Generation}.", nameof(task));
        if (task.Kind == TaskKind.Evaluate)
        {
            FitnessResult r = _fitness.Evaluate(sampler.Center, normalizer, task.EnvironmentSeed, null, training: false);
            return new TaskResult(task.Generation, task.Task, r.Fitness, double.NaN, r.Steps, 0, null);
        }
        ObservationStats? stats = task.CollectStatistics && _fitness.ObservationSize > 0 ? new ObservationStats(_fitness.ObservationSize) : null;
        sampler.Materialize(new Candidate(task.Task, task.NoiseIndex, +1), _buffer.Span);
        FitnessResult plus = _fitness.Evaluate(_buffer.Span, normalizer, task.EnvironmentSeed, stats, training: true);
        if (sampler.CandidatesPerTask == 1)
            return new TaskResult(task.Generation, task.Task, plus.Fitness, double.NaN, plus.Steps, 0, stats);
        sampler.Materialize(new Candidate(task.Task, task.NoiseIndex, -1), _buffer.Span);
        FitnessResult minus = _fitness.Evaluate(_buffer.Span, normalizer, task.EnvironmentSeed, stats, training: true);
        return new TaskResult(task.Generation, task.Task, plus.Fitness, minus.Fitness, plus.Steps, minus.Steps, stats);
    }
}
