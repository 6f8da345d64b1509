// Cluster mode as users run it: es head and es worker processes joined by Akka.Cluster on loopback, started by the test.
// Every run that ends must end with the very bits of `es train` on the same configuration, whatever died on the way.
using System.Text.Json;
using Xunit.Abstractions;

namespace Es.Node.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(ITestOutputHelper output) : IDisposable
{
    private readonly ClusterWorld _world = new();

    public void Dispose() => _world.Dispose();

    // One configuration for every scenario that kills or freezes a node, so `es train` runs it once for the collection.
    private const int Long = 100;

    private string Dir(string name) => Path.Combine(_world.Directory, name);

    private async Task<int> Ends(BackgroundEs node, string name)
    {
        int exit = await node.WaitAsync(ClusterWorld.Timeout);
        output.WriteLine($"--- {name} (exit {exit}) ---\n{node.Output}");
        return exit;
    }

    private static int Retried(string runDir) => ClusterWorld.Metrics(runDir).Sum(m => m.GetProperty("evaluations_retried").GetInt32());

    [Fact]
    public async Task HeadAndTwoWorkers_TrainToTheGoal_WithTheSingleProcessBits()
    {
        string config = _world.Config();
        _world.UseSeeds(1);
        // The head first: a worker that starts before it retries the seed only every few seconds (gated
        // address) and could miss a run that lasts a second; a worker that never finds its head waits for ever.
        BackgroundEs head = _world.Head(config, 0, Dir("head"));
        // Up, i.e. listening: a worker whose first try finds no head is refused and tries again only
        // ~10 s later (Akka gates the address for 5 s, and the seed join retries every 5 s), after this run.
        await ClusterWorld.WaitForOutput(head, ": up");
        BackgroundEs w1 = _world.Worker(config);
        BackgroundEs w2 = _world.Worker(config);
        Assert.Equal(0, await Ends(head, "head"));
        Assert.Equal(0, await Ends(w1, "w1"));
        Assert.Equal(0, await Ends(w2, "w2"));
        Assert.Equal(await _world.SingleProcessSha(config), await _world.Sha(Path.Combine(Dir("head"), "final.ckpt")));
        JsonElement last = ClusterWorld.Metrics(Dir("head"))[^1];
        Assert.True(last.GetProperty("eval_return").GetDouble() >= 490, $"the run should stop at its goal: {last}");
        Assert.Equal(2, last.GetProperty("evaluators").GetInt32());
    }

    [Fact]
    public async Task WorkerKilledMidGeneration_AndAnotherStartedLater_SameBits_AndTheMetricsCountTheReissuedTasks()
    {
        // The late worker starts ~10 s after the kill (failure detection, the resolver, the wait below);
        // a fixed budget raced it (100, then 300 generations were both over before it joined on a quick
        // machine). So the budget is out of reach, Ctrl-C ends the run once the late worker has helped,
        // and the bits are compared with a single-process run of exactly as many generations.
        string config = _world.Config(generations: 100 * Long);
        _world.UseSeeds(1);
        BackgroundEs head = _world.Head(config, 0, Dir("head"));
        BackgroundEs doomed = _world.Worker(config);
        BackgroundEs steady = _world.Worker(config);
        await _world.WaitForEvaluators(Dir("head"), 2);
        doomed.Kill();
        await ClusterWorld.WaitForOutput(head, "unfinished task(s) go to other nodes");
        // A node that joins while another is still unreachable can be downed with it: join once the resolver removed the dead one.
        await Task.Delay(TimeSpan.FromSeconds(4));
        BackgroundEs late = _world.Worker(config);
        await ClusterWorld.WaitForOutput(late, "in the run at generation");
        int joined = File.ReadAllLines(Path.Combine(Dir("head"), "metrics.jsonl")).Length; // lines only: the last may be half written
        await _world.WaitForMetrics(Dir("head"), joined + 3);
        head.Interrupt();
        Assert.Equal(0, await Ends(head, "head"));
        Assert.Equal(0, await Ends(steady, "steady"));
        Assert.Equal(0, await Ends(late, "late"));
        string final = Path.Combine(Dir("head"), "final.ckpt");
        int generations = await _world.Generation(final);
        Assert.Equal(await _world.SingleProcessSha(_world.Config(generations: generations)), await _world.Sha(final));
        Assert.True(Retried(Dir("head")) > 0, "metrics.jsonl should count the killed worker's re-issued tasks (evaluations_retried)");
    }

    [Fact]
    public async Task ActiveHeadKilled_WithAStandbyHead_TheStandbyFinishesTheRunIntoItsOwnRunDir_SameBits()
    {
        string config = _world.Config(generations: Long);
        _world.UseSeeds(2); // ≥ 3 nodes: after the kill, the standby and the worker are the majority
        BackgroundEs active = _world.Head(config, 0, Dir("active"));
        BackgroundEs worker = _world.Worker(config);
        await _world.WaitForMetrics(Dir("active"), 1);
        BackgroundEs standby = _world.Head(config, 1, Dir("standby"));
        await ClusterWorld.WaitForOutput(standby, "in the run at generation");
        // The resolver counts members that are up: until the standby is, killing the head leaves the worker in a tie.
        await ClusterWorld.WaitForOutput(standby, ": up");
        await _world.WaitForMetrics(Dir("active"), 3);
        active.Kill();
        int standbyExit = await Ends(standby, "standby");
        int workerExit = await Ends(worker, "worker");
        Assert.Equal(0, standbyExit);
        Assert.Equal(0, workerExit);
        Assert.Contains("continuing the run from generation", standby.Output, StringComparison.Ordinal);
        Assert.Contains($"metrics and checkpoints go to {Dir("standby")}", standby.Output, StringComparison.Ordinal);
        Assert.Equal(await _world.SingleProcessSha(config), await _world.Sha(Path.Combine(Dir("standby"), "final.ckpt")));
        Assert.False(File.Exists(Path.Combine(Dir("active"), "final.ckpt")), "the killed head cannot have finished the run");
    }

    [Fact]
    public async Task WholeClusterStopped_TheHeadResumedFromItsCheckpoint_SameBits()
    {
        string config = _world.Config(generations: Long);
        _world.UseSeeds(1);
        string runDir = Dir("head");
        using (BackgroundEs head = _world.Head(config, 0, runDir))
        using (BackgroundEs worker = _world.Worker(config))
        {
            await _world.WaitForMetrics(runDir, 3);
            head.Kill();
            worker.Kill();
        }
        BackgroundEs resumed = _world.Head(config, 0, runDir, "--resume", Path.Combine(runDir, "latest.ckpt"));
        BackgroundEs fresh = _world.Worker(config);
        Assert.Equal(0, await Ends(resumed, "resumed head"));
        Assert.Equal(0, await Ends(fresh, "worker"));
        Assert.Equal(await _world.SingleProcessSha(config), await _world.Sha(Path.Combine(runDir, "final.ckpt")));
    }

    [Fact]
    public async Task WorkerFrozenPastTheFailureDetector_ItsTasksAreReissued_SameBits_AndOnceContinuedItEnds()
    {
        string config = _world.Config(generations: Long);
        _world.UseSeeds(1);
        BackgroundEs head = _world.Head(config, 0, Dir("head"));
        BackgroundEs frozen = _world.Worker(config);
        BackgroundEs steady = _world.Worker(config);
        await _world.WaitForEvaluators(Dir("head"), 2);
        frozen.Freeze();
        await ClusterWorld.WaitForOutput(head, "is unreachable");
        await Task.Delay(TimeSpan.FromSeconds(5)); // past stable-after: the resolver downs it
        frozen.Continue();
        int frozenExit = await Ends(frozen, "frozen worker");
        Assert.True(frozenExit is 0 or 1, $"a worker continued after being downed should leave or exit with 1, not {frozenExit}");
        Assert.Equal(0, await Ends(head, "head"));
        Assert.Equal(0, await Ends(steady, "steady"));
        Assert.Equal(await _world.SingleProcessSha(config), await _world.Sha(Path.Combine(Dir("head"), "final.ckpt")));
        Assert.True(Retried(Dir("head")) > 0, "the frozen worker's tasks should have been re-issued");
    }

    [Fact]
    public async Task WorkerWithOtherSettings_IsRefusedWithExit2_NamingTheDifferingKeys()
    {
        string config = _world.Config(generations: 200);
        _world.UseSeeds(1);
        BackgroundEs head = _world.Head(config, 0, Dir("head"));
        BackgroundEs worker = _world.Worker(config, "--set", "es.noise.size=2M", "--set", "es.strategy.sigma=0.2");
        int exit = await Ends(worker, "worker");
        Assert.Equal(2, exit);
        Assert.Contains("es.noise.size", worker.Output, StringComparison.Ordinal);
        Assert.Contains("es.strategy", worker.Output, StringComparison.Ordinal);
        Assert.Contains("do not match run 't'", worker.Output, StringComparison.Ordinal);
        Assert.False(head.HasExited, "a refused worker must not end the run");
    }

    [Fact]
    public async Task CtrlCOnTheHead_EndsTheRun_AndTheStandbyDoesNotContinueIt()
    {
        string config = _world.Config(generations: 200);
        _world.UseSeeds(2);
        BackgroundEs active = _world.Head(config, 0, Dir("active"));
        BackgroundEs worker = _world.Worker(config);
        await _world.WaitForMetrics(Dir("active"), 1);
        BackgroundEs standby = _world.Head(config, 1, Dir("standby"));
        await ClusterWorld.WaitForOutput(standby, "in the run at generation");
        await _world.WaitForMetrics(Dir("active"), 2);
        active.Interrupt();
        Assert.Equal(0, await Ends(active, "active head"));
        Assert.Equal(0, await Ends(standby, "standby"));
        Assert.Equal(0, await Ends(worker, "worker"));
        Assert.True(File.Exists(Path.Combine(Dir("active"), "final.ckpt")), "Ctrl-C writes the final checkpoint");
        Assert.DoesNotContain("continuing the run", standby.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Dir("standby"), "metrics.jsonl")), "the standby must not have trained");
    }
}
