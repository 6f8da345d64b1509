// Pins the optional straggler cut-off: off by default (exact), and when on, generations finish early and the metrics say so.
using Es.Actors.Hosting;
using Es.Actors.Tests.Evolution;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Runs;
using Es.Core.Training;

namespace Es.Actors.Tests.Hosting;

public class StragglerCutoffTests
{
    /// <summary>Every evaluation on an odd seed takes a while: those are the stragglers.</summary>
    private sealed class SlowOnOddSeeds(IFitnessFunction inner) : IFitnessFunction
    {
        public int Dimension => inner.Dimension;

        public int ObservationSize => inner.ObservationSize;

        public FitnessResult Evaluate(ReadOnlySpan<float> parameters, ObservationNormalizer normalizer, ulong seed, ObservationStats? statistics, bool training)
        {
            if (training && seed % 2 == 1) Thread.Sleep(150);
            return inner.Evaluate(parameters, normalizer, seed, statistics, training);
        }
    }

    [Fact]
    public async Task CutOff_FinishesGenerationsWithoutTheStragglers_AndTheMetricsSaySo()
    {
        var metrics = new Support.MetricsRecorder();
        RunOptions options = RunFixtures.WithFitness(() => new SlowOnOddSeeds(RunFixtures.Setup.CreateFitness()), evaluators: 2)
            with { StragglerCutoff = 0.5, Observer = metrics };
        RunOutcome outcome = await SingleProcessRun.RunAsync(options);
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Contains(metrics.Generations, g => g.StragglerCutoff);
        // At least one generation learned from fewer than its 16 candidates.
        long[] episodes = metrics.Generations.OrderBy(g => g.Generation).Select(g => g.Episodes).ToArray();
        Assert.Contains(episodes.Select((total, i) => total - (i == 0 ? 0 : episodes[i - 1])), perGeneration => perGeneration < 16);
    }

    [Fact]
    public async Task WithoutCutOff_EveryGenerationWaitsForAllTasks()
    {
        var metrics = new Support.MetricsRecorder();
        RunOptions options = RunFixtures.WithFitness(() => new SlowOnOddSeeds(RunFixtures.Setup.CreateFitness()), evaluators: 2) with { Observer = metrics };
        RunOutcome outcome = await SingleProcessRun.RunAsync(options);
        Assert.Equal(RunFixtures.Expected(), outcome.Parameters);
        Assert.DoesNotContain(metrics.Generations, g => g.StragglerCutoff);
    }
}
