// The state a run advances generation by generation: strategy, normalizer and counters.
using Es.Core.Checkpoints;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Numerics;
using Es.Core.Strategies;

namespace Es.Core.Training;

/// <summary>
/// Turns a strategy into a sequence of generations: it names the tasks of generation g, turns
/// their results (in task order) into the update, and applies updates. The aggregator and every
/// parameter replica hold one; the plain library loop (<see cref="LocalTrainer"/>) does too.
/// </summary>
public sealed class Learner
{
    private readonly IStrategy _strategy;
    private readonly ObservationNormalizer _normalizer;
    private readonly ulong _runSeed;
    private readonly double _statisticsProbability;
    private readonly int _episodesPerCandidate;
    private readonly int _evaluationEvery;
    private readonly int _evaluationEpisodes;

    /// <summary>Creates a learner.</summary>
    /// <param name="strategy">The strategy, positioned at its current generation.</param>
    /// <param name="normalizer">The observation normalizer the generation is evaluated with.</param>
    /// <param name="runSeed">Seed every task seed derives from.</param>
    /// <param name="statisticsProbability">Fraction of tasks that report observation statistics.</param>
    /// <param name="episodesPerCandidate">Episodes averaged per candidate (for the episode count).</param>
    /// <param name="evaluationEvery">Evaluate θ every this many generations (0 = never).</param>
    /// <param name="evaluationEpisodes">Evaluation episodes each time.</param>
    public Learner(IStrategy strategy, ObservationNormalizer normalizer, ulong runSeed, double statisticsProbability = 1.0, int episodesPerCandidate = 1,
        int evaluationEvery = 0, int evaluationEpisodes = 0)
    {
        _evaluationEvery = evaluationEvery;
        _evaluationEpisodes = evaluationEpisodes;
        _strategy = strategy;
        _normalizer = normalizer;
        _runSeed = runSeed;
        _statisticsProbability = statisticsProbability;
        _episodesPerCandidate = episodesPerCandidate;
    }

    /// <summary>The strategy.</summary>
    public IStrategy Strategy => _strategy;

    /// <summary>The normalizer of the current generation.</summary>
    public ObservationNormalizer Normalizer => _normalizer;

    /// <summary>The run seed.</summary>
    public ulong RunSeed => _runSeed;

    /// <summary>The generation whose tasks <see cref="Tasks"/> names.</summary>
    public long Generation => _strategy.Generation;

    /// <summary>Environment steps of training rollouts so far.</summary>
    public long TotalTimesteps { get; private set; }

    /// <summary>Training episodes so far.</summary>
    public long TotalEpisodes { get; private set; }

    /// <summary>θ of the current generation.</summary>
    public ReadOnlySpan<float> Parameters => _strategy.Center;

    /// <summary>Whether the current generation evaluates θ.</summary>
    public bool EvaluatesThisGeneration => _evaluationEvery > 0 && _evaluationEpisodes > 0 && Generation % _evaluationEvery == 0;

    /// <summary>
    /// The tasks of the current generation, in task order: the training pairs, then (when this
    /// generation evaluates θ) one task per evaluation episode. A pure function of the run seed
    /// and the generation.
    /// </summary>
    public IReadOnlyList<EvaluationTask> Tasks()
    {
        IReadOnlyList<Candidate> candidates = _strategy.Ask();
        var tasks = new List<EvaluationTask>(candidates.Count);
        long g = _strategy.Generation;
        foreach (Candidate c in candidates)
        {
            if (c.Pair < tasks.Count) continue;
            tasks.Add(new EvaluationTask(g, c.Pair, c.NoiseIndex, Seeds.Environment(_runSeed, g, c.Pair),
                Seeds.CollectsStatistics(_runSeed, g, c.Pair, _statisticsProbability)));
        }
        if (EvaluatesThisGeneration)
        {
            int first = tasks.Count;
            for (int k = 0; k < _evaluationEpisodes; k++)
                tasks.Add(new EvaluationTask(g, first + k, -1, Seeds.Evaluation(_runSeed, g, k), false, TaskKind.Evaluate));
        }
        return tasks;
    }

    /// <summary>The evaluation of θ in a complete generation, or null when it does not evaluate.</summary>
    /// <exception cref="InvalidOperationException">The assembler is for another generation or incomplete.</exception>
    public EvaluationSummary? Summarize(GenerationAssembler assembler, bool partial = false)
    {
        CheckGeneration(assembler);
        int training = TrainingTaskCount;
        TaskResult[] evaluations = (partial ? assembler.ReceivedResults() : assembler.Results()).Where(r => r.Task >= training).ToArray();
        if (evaluations.Length == 0) return null;
        return EvaluationSummary.From(evaluations.Select(r => r.FitnessPositive).ToArray(), evaluations.Select(r => r.StepsPositive).ToArray());
    }

    private int TrainingTaskCount => _strategy.TaskCount;

    private void CheckGeneration(GenerationAssembler assembler)
    {
        if (assembler.Generation != Generation)
            throw new InvalidOperationException($"results are for generation {assembler.Generation}, the learner is at {Generation}.");
    }

    /// <summary>Completes the current generation from its results: shapes, tells the strategy, updates the normalizer.</summary>
    /// <exception cref="InvalidOperationException">The assembler is for another generation or incomplete.</exception>
    public GenerationReport Complete(GenerationAssembler assembler, bool partial = false)
    {
        EvaluationSummary? evaluation = Summarize(assembler, partial);
        int training = TrainingTaskCount;
        IReadOnlyList<TaskResult> results = (partial ? assembler.ReceivedResults() : assembler.Results()).Where(r => r.Task < training).ToArray();
        if (results.Count == 0) throw new InvalidOperationException($"generation {Generation} has no training result to learn from.");
        bool mirrored = _strategy.PopulationSize == 2 * _strategy.TaskCount;
        int population = (mirrored ? 2 : 1) * results.Count;
        var fitness = new double[population];
        int slot = 0;
        long steps = 0;
        ObservationStats? statistics = null;
        foreach (TaskResult r in results)
        {
            fitness[slot++] = r.FitnessPositive;
            if (mirrored) fitness[slot++] = r.FitnessNegative;
            steps += r.Steps;
            if (r.Statistics is not null)
            {
                // Merged in task order: floating-point sums depend on order, and every replica must agree.
                statistics ??= new ObservationStats(r.Statistics.Size);
                statistics.Merge(r.Statistics);
            }
        }
        int nonFinite = NonFiniteFitnessPolicy.Sanitize(fitness);
        double mean = fitness.Average();
        double std = Math.Sqrt(fitness.Select(f => (f - mean) * (f - mean)).Average());
        double max = fitness.Max();

        long generation = Generation;
        double sigma = _strategy.MeanSigma;
        TellResult told;
        if (results.Count == training)
        {
            told = _strategy.Tell(fitness);
        }
        else
        {
            StrategyUpdate partialUpdate = _strategy.ComputeUpdate(fitness, results.Select(r => r.Task).ToArray());
            told = new TellResult(partialUpdate, _strategy.Apply(partialUpdate));
        }
        if (statistics is not null) _normalizer.Update(statistics);
        TotalTimesteps += steps;
        TotalEpisodes += (long)population * _episodesPerCandidate;
        var update = new GenerationUpdate(told.Update, statistics, ParameterHash.Checksum(_strategy.Center));
        return new GenerationReport(generation, (long)population * _episodesPerCandidate, steps, TotalEpisodes, TotalTimesteps,
            mean, std, max, told.Report.GradientNorm, told.Report.ParameterNorm, told.Report.UpdateRatio, sigma, nonFinite, evaluation, update);
    }

    /// <summary>Applies an update published by the aggregator (on a replica).</summary>
    /// <returns>True when θ afterwards matches the update's checksum; false means this replica diverged and must load a snapshot.</returns>
    /// <exception cref="InvalidOperationException">The update is for another generation.</exception>
    public bool Apply(GenerationUpdate update)
    {
        _strategy.Apply(update.Strategy);
        if (update.Statistics is not null) _normalizer.Update(update.Statistics);
        return ParameterHash.Checksum(_strategy.Center) == update.ParameterChecksum;
    }

    /// <summary>
    /// The reference batch of a policy with virtual batch normalization (raw observations), saved in every
    /// checkpoint so the statistics a policy was trained against stay with it; null for other policies.
    /// </summary>
    public float[]? ReferenceBatch { get; init; }

    /// <summary>A checkpoint of the current state.</summary>
    public Checkpoint ToCheckpoint(string environmentId, double bestReturn, string configuration, int goalStreak = 0) =>
        new(_runSeed, Generation, environmentId, _strategy.SaveState(), _normalizer.Enabled ? _normalizer.Stats : null, TotalTimesteps, TotalEpisodes, bestReturn, configuration, goalStreak, ReferenceBatch);

    /// <summary>Continues from <paramref name="checkpoint"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The checkpoint is from another run seed or an incompatible strategy, or holds a reference batch other
    /// than this run's (a snapshot without one, as replicas receive, keeps this run's).
    /// </exception>
    public void Restore(Checkpoint checkpoint)
    {
        if (checkpoint.RunSeed != _runSeed)
            throw new ArgumentException($"checkpoint is from run seed {checkpoint.RunSeed}, this run's seed is {_runSeed}.", nameof(checkpoint));
        if (checkpoint.ReferenceBatch is { } batch && !batch.AsSpan().SequenceEqual(ReferenceBatch ?? []))
            throw new ArgumentException(
                $"the checkpoint's reference batch ({batch.Length} values) is not the one this run collects ({ReferenceBatch?.Length ?? 0} values): the environment or the policy settings changed since it was written.",
                nameof(checkpoint));
        _strategy.LoadState(checkpoint.Strategy);
        if (checkpoint.Normalizer is not null && _normalizer.Enabled) _normalizer.Restore(checkpoint.Normalizer);
        TotalTimesteps = checkpoint.Timesteps;
        TotalEpisodes = checkpoint.Episodes;
    }
}
