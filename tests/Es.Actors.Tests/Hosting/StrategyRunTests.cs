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
        int a = LocalCluster.FreePort(), b = LocalCluster.FreePort(), w = LocalCluster.FreePort();
        var cluster = new LocalCluster(Run(strategy, 6), output, a);
        using var gate = new ManualResetEventSlim(false);
        LocalCluster.Node? active = null;
        var first = new LocalCluster.Observer(m =>
        {
            if (m.Generation != 2) return;
            active!.Abort();
            Thread.Sleep(500); // holds the aggregator while the system goes: this head gets no further
        });
        var standbyObserver = new LocalCluster.Observer();
        active = cluster.Start("active", new RunOptions(cluster.Settings(a, abortable: true)) { Observer = first }, head: true, evaluate: false);
        await active.UpAsync(); // the oldest head-role node hosts the head
        var standby = cluster.Start("standby", new RunOptions(cluster.Settings(b)) { Observer = standbyObserver }, head: true, evaluate: false);
        var worker = cluster.Start("worker", LocalCluster.Gated(cluster.Settings(w), gate, evaluators: 2), head: false, evaluate: true);
        await Task.WhenAll(standby.UpAsync(), worker.UpAsync());
        await Task.Delay(LocalCluster.Gossip);
        gate.Set();

        NodeOutcome ended = await standby.EndAsync(45);
        Assert.Equal(NodeEnd.RunFinishedHere, ended.End);
        Assert.Equal(StopReason.GenerationBudget, ended.Run!.Reason);
        Assert.Equal(LibraryLoop(cluster.Settings(a)), ended.Run.Parameters);
        Assert.Contains(standbyObserver.Events, e => e.StartsWith("continuing the run from generation ", StringComparison.Ordinal));
        Assert.DoesNotContain(first.Generations, g => g.Generation > 2);
        await active.EndAsync();
        Assert.Equal(NodeEnd.RunEndedElsewhere, (await worker.EndAsync()).End);
    }
}
