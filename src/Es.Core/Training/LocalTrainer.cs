// The plain library loop: evaluate every task of a generation on local threads, then complete it.
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Strategies;

namespace Es.Core.Training;

/// <summary>
/// Trains without actors or a network: the tasks of each generation are spread over
/// <c>threads</c> evaluators in this process. Because a task's result is a pure function of
/// its inputs, the parameters after N generations are the same bits for any thread count, and
/// the same as the actor system's.
/// </summary>
public sealed class LocalTrainer
{
    private readonly Learner _learner;
    private readonly PairEvaluator[] _evaluators;

    /// <summary>Creates a trainer.</summary>
    /// <param name="learner">The run's state.</param>
    /// <param name="evaluatorFactory">Builds one evaluator per thread (each owns its environment and buffers).</param>
    /// <param name="threads">Evaluators running side by side.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    public LocalTrainer(Learner learner, Func<PairEvaluator> evaluatorFactory, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _learner = learner;
        _evaluators = Enumerable.Range(0, threads).Select(_ => evaluatorFactory()).ToArray();
    }

    /// <summary>The run's state.</summary>
    public Learner Learner => _learner;

    /// <summary>Evaluates every task of the current generation (training pairs and evaluation episodes), without applying anything.</summary>
    public GenerationAssembler EvaluateGeneration()
    {
        IReadOnlyList<EvaluationTask> tasks = _learner.Tasks();
        var assembler = new GenerationAssembler(_learner.Generation, tasks.Count);
        var results = new TaskResult[tasks.Count];
        ICandidateSampler sampler = _learner.Strategy.Sampler();
        ObservationNormalizer normalizer = _learner.Normalizer;
        Parallel.For(0, _evaluators.Length, new ParallelOptions { MaxDegreeOfParallelism = _evaluators.Length }, t =>
        {
            // Thread t takes tasks t, t + threads, …, as one batch (stepped in lockstep when its evaluator has lanes).
            var mine = new List<EvaluationTask>();
            for (int j = t; j < tasks.Count; j += _evaluators.Length) mine.Add(tasks[j]);
            TaskResult[] done = _evaluators[t].EvaluateMany(sampler, normalizer, mine);
            for (int i = 0; i < done.Length; i++) results[t + i * _evaluators.Length] = done[i];
        });
        foreach (TaskResult r in results) assembler.Add(r);
        return assembler;
    }

    /// <summary>Runs one generation, applies its update, and returns its report.</summary>
    public GenerationReport RunGeneration() => _learner.Complete(EvaluateGeneration());

    /// <summary>
    /// Trains until <paramref name="rule"/> says stop. The goal is checked on θ's evaluation
    /// before that generation's update, so on <see cref="StopReason.Goal"/> the learner holds
    /// the parameters that met it.
    /// </summary>
    /// <param name="rule">Goal and budgets.</param>
    /// <param name="onGeneration">Called after every applied generation.</param>
    /// <param name="cancellation">Stops the run between generations with <see cref="StopReason.Interrupted"/>.</param>
    public StopReason Train(StopRule rule, Action<GenerationReport>? onGeneration = null, CancellationToken cancellation = default)
    {
        while (true)
        {
            if (cancellation.IsCancellationRequested) return StopReason.Interrupted;
            if (rule.BudgetSpent(_learner.Generation, _learner.TotalTimesteps) is { } budget) return budget;
            GenerationAssembler assembler = EvaluateGeneration();
            if (rule.GoalReached(_learner.Summarize(assembler))) return StopReason.Goal;
            // Not `onGeneration?.Invoke(Complete(...))`: that would skip Complete when there is no callback.
            GenerationReport report = _learner.Complete(assembler);
            onGeneration?.Invoke(report);
        }
    }

    /// <summary>Evaluates θ on <paramref name="episodes"/> evaluation episodes (no action noise, no statistics).</summary>
    /// <param name="episodes">Episode count.</param>
    /// <param name="seedGeneration">Generation whose evaluation seeds to use (default: the current one).</param>
    public EvaluationSummary Evaluate(int episodes, long? seedGeneration = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(episodes, 1);
        long g = seedGeneration ?? _learner.Generation;
        float[] theta = _learner.Parameters.ToArray();
        var returns = new double[episodes];
        var lengths = new int[episodes];
        Parallel.For(0, _evaluators.Length, new ParallelOptions { MaxDegreeOfParallelism = _evaluators.Length }, t =>
        {
            for (int k = t; k < episodes; k += _evaluators.Length)
            {
                FitnessResult r = _evaluators[t].Fitness.Evaluate(theta, _learner.Normalizer, Seeds.Evaluation(_learner.RunSeed, g, k), null, training: false);
                returns[k] = r.Fitness;
                lengths[k] = r.Steps;
            }
        });
        return EvaluationSummary.From(returns, lengths);
    }
}
