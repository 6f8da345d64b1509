// Pins that every strategy runs through the same actors with the same exactness: single-process actors, and a real in-process
// cluster whose active head vanishes mid-run, so a standby head continues from a replica's state (the strategy's own state
// included), all reach the library loop's bits.
using Es.Actors.Hosting;
using Es.Actors.Tests.Support;
using Es.Core.Configuration;
using Es.Core.Training;
using Xunit.Abstractions;

namespace Es.Actors.Tests.Hosting;

[Collection(ClusterCollection.Name)]
public sealed class StrategyRunTests(ITestOutputHelper output)
{
    public static TheoryData<string> Strategies => new(StrategySettings.KnownNames);

    private static string Run(string strategy, int generations) => $$"""
        run { seed = 5, max-generations = {{generations}} }
        env.id = CartPole-v1
        policy.type = linear
        strategy { name = {{strategy}}, population = 12, sigma = 0.2 }
        normalization.enabled = {{(strategy.StartsWith("ars-v1", StringComparison.Ordinal) ? "false" : "true")}}
        evaluation { every = 2, episodes = 2 }
        noise.size = 1M
        """;

    private static float[] LibraryLoop(EsSettings settings)
    {
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(1);
        Assert.Equal(StopReason.GenerationBudget, trainer.Train(new StopRule(settings.Run)));
        return trainer.Learner.Parameters.ToArray();
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task SingleProcessActors_Should_GiveTheLibraryLoopsBits(string strategy)
    {
        EsSettings settings = SettingsLoader.Parse($"es {{ {Run(strategy, 5)} }}", "test.conf");
        RunOutcome outcome = await SingleProcessRun.RunAsync(new RunOptions(settings) { Evaluators = 2 });
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(LibraryLoop(settings), outcome.Parameters);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task StandbyHeadTakingOverFromTheReplicas_Should_GiveTheLibraryLoopsBits(string strategy)
    {
        StandbyTakeOver run = await StandbyTakeOver.RunAsync(Run(strategy, 6), output);

        Assert.Equal((NodeEnd.RunFinishedHere, "the run ended on this head"), (run.Ended.End, run.Ended.Message));
        Assert.Equal(StopReason.GenerationBudget, run.Ended.Run!.Reason);
        Assert.Equal(LibraryLoop(run.Settings), run.Ended.Run.Parameters);
        Assert.Contains(run.Standby.Events, e => e.StartsWith("continuing the run from generation ", StringComparison.Ordinal));
        Assert.DoesNotContain(run.First.Generations, g => g.Generation > 2);
        await run.Active.EndAsync();
        Assert.Equal(NodeEnd.RunEndedElsewhere, (await run.Worker.EndAsync()).End);
    }
}
