// The standby-head scenario on a real in-process cluster: an active head, a standby head and a worker; the active head's node vanishes mid-run.
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Xunit.Abstractions;

namespace Es.Actors.Tests.Support;

/// <summary>
/// What a standby take-over left behind, for the tests to judge: the standby's outcome, the other
/// nodes (still to be ended by the test) and what the two heads observed.
/// </summary>
/// <param name="Ended">The standby's outcome.</param>
/// <param name="Settings">The active head's settings (the run's).</param>
/// <param name="Active">The head whose node vanished.</param>
/// <param name="Worker">The worker node.</param>
/// <param name="First">What the active head observed (it vanished at <see cref="VanishAt"/>).</param>
/// <param name="Standby">What the standby head observed.</param>
public sealed record StandbyTakeOver(NodeOutcome Ended, EsSettings Settings, LocalCluster.Node Active, LocalCluster.Node Worker,
    LocalCluster.Observer First, LocalCluster.Observer Standby)
{
    /// <summary>The generation whose metrics make the active head's node vanish.</summary>
    public const int VanishAt = 2;

    /// <summary>
    /// Runs <paramref name="es"/> on an active head, a standby head and a worker with 2 evaluators
    /// (three nodes, so the standby and the worker are a majority that downs the lost head), makes the
    /// active head's node vanish when generation <see cref="VanishAt"/> is reported, and waits for the
    /// standby to end.
    /// </summary>
    public static async Task<StandbyTakeOver> RunAsync(string es, ITestOutputHelper output)
    {
        int a = LocalCluster.FreePort(), b = LocalCluster.FreePort(), w = LocalCluster.FreePort();
        var cluster = new LocalCluster(es, output, a); // one seed: a first seed waits 5 s for the others before it forms a cluster alone
        LocalCluster.Node? active = null;
        var first = new LocalCluster.Observer(m =>
        {
            if (m.Generation != VanishAt) return;
            active!.Abort();
            Thread.Sleep(500); // holds the aggregator while the system goes: this head gets no further
        });
        var standbyObserver = new LocalCluster.Observer();
        active = cluster.Start("active", new RunOptions(cluster.Settings(a, abortable: true)) { Observer = first }, head: true, evaluate: false);
        await active.UpAsync(); // the oldest head-role node hosts the head
        var standby = cluster.Start("standby", new RunOptions(cluster.Settings(b)) { Observer = standbyObserver }, head: true, evaluate: false);
        using var gate = new ManualResetEventSlim(false);
        var worker = cluster.Start("worker", LocalCluster.Gated(cluster.Settings(w), gate, evaluators: 2), head: false, evaluate: true);
        // Every node Up before the head can vanish: the split-brain resolver counts only Up members, and with
        // the worker still joining the standby would be alone against the lost head.
        await Task.WhenAll(standby.UpAsync(), worker.UpAsync());
        await Task.Delay(LocalCluster.Gossip);
        gate.Set();
        NodeOutcome ended = await standby.EndAsync(45);
        return new StandbyTakeOver(ended, cluster.Settings(a), active, worker, first, standbyObserver);
    }

}
