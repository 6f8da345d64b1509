// Pins cluster runs on real Akka clusters in this process (one actor system per node, loopback): a head and workers reach the library loop's bits,
// also when a worker vanishes mid-run and another joins late, and when the active head's node vanishes and a standby head takes over.
using Es.Actors.Hosting;
using Es.Actors.Tests.Evolution;
using Es.Actors.Tests.Support;
using Es.Core.Configuration;
using Es.Core.Training;
using Xunit.Abstractions;

namespace Es.Actors.Tests.Hosting;

[Collection(ClusterCollection.Name)]
public sealed class MultiNodeTests(ITestOutputHelper output)
{
    private const string Run = """
        run { seed = 3, max-generations = 6 }
        env.id = CartPole-v1
        policy { type = mlp, hidden = [8], activation = tanh }
        strategy { population = 16, sigma = 0.1, optimizer.learning-rate = 0.03 }
        evaluation { every = 2, episodes = 2 }
        noise.size = 1M
        """;

    private static float[] Expected(EsSettings settings)
    {
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(1);
        trainer.Train(new StopRule(settings.Run));
        return trainer.Learner.Parameters.ToArray();
    }

    [Fact]
    public async Task HeadAndTwoWorkers_ReachTheLibraryLoopsBits()
    {
        int h = LocalCluster.FreePort(), w1 = LocalCluster.FreePort(), w2 = LocalCluster.FreePort();
        var cluster = new LocalCluster(Run, output, h);
        using var gate = new ManualResetEventSlim(false);
        var head = cluster.Start("head", new RunOptions(cluster.Settings(h)), head: true, evaluate: false);
        await head.UpAsync();
        var first = cluster.Start("w1", LocalCluster.Gated(cluster.Settings(w1), gate), head: false, evaluate: true);
        var second = cluster.Start("w2", LocalCluster.Gated(cluster.Settings(w2), gate), head: false, evaluate: true);
        await Task.WhenAll(first.UpAsync(), second.UpAsync());
        await Task.Delay(LocalCluster.Gossip); // every node will hear that the run ended
        gate.Set();

        NodeOutcome ended = await head.EndAsync();
        Assert.Equal((NodeEnd.RunFinishedHere, "the run ended on this head"), (ended.End, ended.Message));
        Assert.Equal(StopReason.GenerationBudget, ended.Run!.Reason);
        Assert.Equal(Expected(cluster.Settings(h)), ended.Run.Parameters);
        Assert.Equal(NodeEnd.RunEndedElsewhere, (await first.EndAsync()).End);
        Assert.Equal(NodeEnd.RunEndedElsewhere, (await second.EndAsync()).End);
    }

    [Fact]
    public async Task WorkerVanishingMidRun_AndAnotherJoiningLate_LeaveTheBitsUnchanged()
    {
        int h = LocalCluster.FreePort(), d = LocalCluster.FreePort(), s = LocalCluster.FreePort(), l = LocalCluster.FreePort();
        var cluster = new LocalCluster(Run, output, h);
        using var gate = new ManualResetEventSlim(false);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        LocalCluster.Node? doomed = null;
        var observer = new LocalCluster.Observer(m =>
        {
            if (m.Generation != 1) return;
            // Generation 2's tasks are out (the feeds hold them): the run stands still while the doomed worker vanishes.
            gate.Reset();
            doomed!.Abort(); // no leaving: the head learns it only from the failure detector
            killed.TrySetResult();
        });
        // A task timeout longer than the test: lost tasks can come back only because the node is unreachable.
        var head = cluster.Start("head", new RunOptions(cluster.Settings(h)) { Observer = observer, TaskTimeout = TimeSpan.FromMinutes(5) }, head: true, evaluate: false);
        await head.UpAsync();
        doomed = cluster.Start("doomed", LocalCluster.Gated(cluster.Settings(d, abortable: true), gate), head: false, evaluate: true);
        var steady = cluster.Start("steady", LocalCluster.Gated(cluster.Settings(s), gate), head: false, evaluate: true);
        await Task.WhenAll(doomed.UpAsync(), steady.UpAsync());
        await Task.Delay(LocalCluster.Gossip);
        gate.Set();

        await killed.Task.WaitAsync(LocalCluster.Dilated(TimeSpan.FromSeconds(30)));
        var late = cluster.Start("late", LocalCluster.Gated(cluster.Settings(l), gate), head: false, evaluate: true);
        await late.UpAsync(); // once the doomed node is downed
        await Task.Delay(LocalCluster.Gossip);
        gate.Set();

        NodeOutcome ended = await head.EndAsync();
        Assert.Equal((NodeEnd.RunFinishedHere, "the run ended on this head"), (ended.End, ended.Message));
        Assert.Equal(StopReason.GenerationBudget, ended.Run!.Reason);
        Assert.Equal(Expected(cluster.Settings(h)), ended.Run.Parameters);
        // In one process Akka's remote death watch may tell the head that the feed stopped before the failure detector
        // marks the node unreachable (a killed process gives only the latter); either way its tasks went to others.
        Assert.Contains(observer.Events, e => e.Contains($"node {doomed.Address} is unreachable", StringComparison.Ordinal)
            || e.StartsWith($"the task feed of node {doomed.Address} stopped", StringComparison.Ordinal));
        Assert.Contains(observer.Events, e => e.Contains($"127.0.0.1:{l} is up", StringComparison.Ordinal));
        Assert.Equal(NodeEnd.Downed, (await doomed.EndAsync()).End);
        Assert.Equal(NodeEnd.RunEndedElsewhere, (await steady.EndAsync()).End);
        Assert.Equal(NodeEnd.RunEndedElsewhere, (await late.EndAsync()).End);
    }

    [Fact]
    public async Task ActiveHeadVanishingMidRun_TheStandbyHeadFinishesTheRun_WithTheLibraryLoopsBits()
    {
        // Three nodes, so the standby and the worker are a majority that downs the lost head (keep-majority).
        StandbyTakeOver run = await StandbyTakeOver.RunAsync(Run, output);

        Assert.Equal((NodeEnd.RunFinishedHere, "the run ended on this head"), (run.Ended.End, run.Ended.Message));
        Assert.Equal(StopReason.GenerationBudget, run.Ended.Run!.Reason);
        Assert.Equal(Expected(run.Settings), run.Ended.Run.Parameters);
        Assert.Contains(run.Standby.Events, e => e.StartsWith("continuing the run from generation ", StringComparison.Ordinal));
        Assert.DoesNotContain(run.First.Generations, g => g.Generation > 2);
        Assert.NotEqual(StopReason.GenerationBudget, (await run.Active.EndAsync()).Run?.Reason);
        Assert.Equal(NodeEnd.RunEndedElsewhere, (await run.Worker.EndAsync()).End);
    }
}
