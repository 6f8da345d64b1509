// Shared loops of the PEPG, SNES and ARS tests: a plain ask/tell loop on a test function, and CartPole through LocalTrainer.
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Objectives;
using Es.Core.Strategies;
using Es.Core.Training;

namespace Es.Core.Tests.Strategies;

internal static class GradientStrategyHarness
{
    /// <summary>One table for every test of these strategies (the same seed and size as the OpenAI-ES tests use).</summary>
    public static readonly NoiseTable Noise = NoiseTable.Create(123, 1 << 22);

    /// <summary>Evaluates every candidate of the current generation on <paramref name="objective"/> (fitness = −f).</summary>
    public static double[] Evaluate(IStrategy strategy, IObjective objective)
    {
        IReadOnlyList<Candidate> candidates = strategy.Ask();
        var x = new float[strategy.Dimension];
        var fitness = new double[candidates.Count];
        for (int i = 0; i < candidates.Count; i++)
        {
            strategy.Materialize(candidates[i], x);
            fitness[i] = -objective.Evaluate(x);
        }
        return fitness;
    }

    /// <summary>One ask/tell generation.</summary>
    public static TellResult Step(IStrategy strategy, IObjective objective) => strategy.Tell(Evaluate(strategy, objective));

    /// <summary>
    /// Runs ask/tell until f(center) ≤ <paramref name="tolerance"/> or <paramref name="maxGenerations"/> pass.
    /// Returns the generations used (−1 when the tolerance was not reached), the candidate evaluations and the final f(center).
    /// </summary>
    public static (int Generations, long Evaluations, double Value) Solve(IStrategy strategy, IObjective objective, double tolerance, int maxGenerations)
    {
        long evaluations = 0;
        for (int g = 0; g < maxGenerations; g++)
        {
            double value = objective.Evaluate(strategy.Center);
            if (value <= tolerance) return (g, evaluations, value);
            Step(strategy, objective);
            evaluations += strategy.PopulationSize;
        }
        double last = objective.Evaluate(strategy.Center);
        return (last <= tolerance ? maxGenerations : -1, evaluations, last);
    }

    /// <summary>A local trainer around <paramref name="create"/>'s strategy, with every other piece built from the HOCON settings as TrainingSetup builds them.</summary>
    public static (LocalTrainer Trainer, EsSettings Settings) CreateTrainer(string hocon, Func<TrainingSetup, IStrategy> create, int threads = 2)
    {
        EsSettings settings = SettingsLoader.Parse(hocon, "gradient-strategy-test.conf");
        TrainingSetup setup = TrainingSetup.FromSettings(settings);
        var learner = new Learner(create(setup), setup.CreateNormalizer(), setup.RunSeed, settings.Normalization.SampleProbability,
            settings.Strategy.EpisodesPerCandidate, settings.Evaluation.Every, settings.Evaluation.Episodes);
        return (new LocalTrainer(learner, setup.CreateEvaluator, threads), settings);
    }
}
