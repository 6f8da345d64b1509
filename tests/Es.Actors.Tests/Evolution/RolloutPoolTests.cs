// Pins fault handling across the pool: restarts keep results exact, stopped evaluators leave the rest working, an empty pool fails the run.
using System.Runtime.CompilerServices;
using Es.Actors.Hosting;
using Es.Actors.Tests.Support;
using Es.Core.Runs;
using Es.Core.Training;

namespace Es.Actors.Tests.Evolution;

public class RolloutPoolTests
{
    [Fact]
    public async Task EvaluatorThatThrows_IsRestarted_TheTaskRetried_AndTheRunEndsWithTheFaultFreeBits()
    {
        float[] expected = RunFixtures.Expected();
        var calls = new StrongBox<int>();
        var metrics = new Support.MetricsRecorder();
        RunOptions options = RunFixtures.WithFitness(() => new FaultyFitness(RunFixtures.Setup.CreateFitness(), calls, n => n is 5 or 40), evaluators: 2) with { Observer = metrics };
        RunOutcome outcome = await SingleProcessRun.RunAsync(options);
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(expected, outcome.Parameters);
        Assert.Equal(2, metrics.Generations.Sum(g => g.EvaluationsRetried));
    }

    [Fact]
    public async Task EvaluatorPastItsRetryBudget_IsStopped_AndThePoolCarriesOnWithTheRest()
    {
        float[] expected = RunFixtures.Expected();
        var calls = new StrongBox<int>();
        // No restarts allowed: the evaluator that meets the fault is stopped; its task goes to another one.
        RunOptions options = RunFixtures.WithFitness(() => new FaultyFitness(RunFixtures.Setup.CreateFitness(), calls, n => n == 7), evaluators: 3)
            with { EvaluatorMaxRetries = 0 };
        RunOutcome outcome = await SingleProcessRun.RunAsync(options);
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(expected, outcome.Parameters);
    }

    [Fact]
    public async Task PoolWithNoEvaluatorsLeft_FailsTheRunWithAClearMessage_InsteadOfHanging()
    {
        var calls = new StrongBox<int>();
        RunOptions options = RunFixtures.WithFitness(() => new FaultyFitness(RunFixtures.Setup.CreateFitness(), calls, _ => true), evaluators: 2)
            with { EvaluatorMaxRetries = 1 };
        Task<RunOutcome> run = SingleProcessRun.RunAsync(options);
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))));
        RunOutcome outcome = await run;
        Assert.Equal(StopReason.Failed, outcome.Reason);
        Assert.Contains("no evaluators are left", outcome.Error);
        Assert.Contains("injected fault", outcome.Error);
    }
}
