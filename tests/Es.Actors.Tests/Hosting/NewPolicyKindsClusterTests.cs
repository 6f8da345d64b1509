// Pins cluster exactness for the policies of issue 16 on a real in-process Akka cluster: a head and two workers reach the library loop's bits with a GRU and with a conv policy under VBN.
using Es.Actors.Hosting;
using Es.Actors.Tests.Support;
using Es.Core.Configuration;
using Es.Core.Training;
using Xunit.Abstractions;

namespace Es.Actors.Tests.Hosting;

[Collection(ClusterCollection.Name)]
public sealed class NewPolicyKindsClusterTests(ITestOutputHelper output)
{
    public static TheoryData<string> Policies() => new()
    {
        "env.id = CartPole-v1-masked, policy { type = gru, cell-size = 6 }",
        "env.id = PixelFreeway-v0, normalization.enabled = false, policy { type = conv, hidden = [], conv { channels = [4], kernels = [3], strides = [2], virtual-batch-norm = true, reference-batch = 8 } }",
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task HeadAndTwoWorkers_ReachTheLibraryLoopsBits(string policy)
    {
        int h = LocalCluster.FreePort(), w1 = LocalCluster.FreePort(), w2 = LocalCluster.FreePort();
        var cluster = new LocalCluster(
            $"{policy}, run {{ seed = 5, max-generations = 3 }}, strategy {{ population = 8, sigma = 0.05 }}, evaluation {{ every = 2, episodes = 2 }}, noise.size = 1M",
            output, w1); // the workers form the cluster, the head joins last: the run starts with every worker in it
        EsSettings settings = cluster.Settings(h);
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(1);
        trainer.Train(new StopRule(settings.Run));

        // Real settings on every node (a gated fitness would not collect the conv policy's VBN reference batch).
        var first = cluster.Start("w1", new RunOptions(cluster.Settings(w1)) { Evaluators = 1 }, head: false, evaluate: true);
        await first.UpAsync();
        var second = cluster.Start("w2", new RunOptions(cluster.Settings(w2)) { Evaluators = 1 }, head: false, evaluate: true);
        await second.UpAsync();
        await Task.Delay(LocalCluster.Gossip); // every node will hear that the run ended
        var head = cluster.Start("head", new RunOptions(settings), head: true, evaluate: false);

        NodeOutcome ended = await head.EndAsync(60);
        Assert.Equal((NodeEnd.RunFinishedHere, "the run ended on this head"), (ended.End, ended.Message));
        Assert.Equal(StopReason.GenerationBudget, ended.Run!.Reason);
        Assert.Equal(trainer.Learner.Parameters.ToArray(), ended.Run.Parameters);
        Assert.Equal(NodeEnd.RunEndedElsewhere, (await first.EndAsync()).End);
        Assert.Equal(NodeEnd.RunEndedElsewhere, (await second.EndAsync()).End);
    }
}
