// The IFabric contract, written once and run against every implementation, so InMemoryFabric and RedisFabric behave alike.
using System.Diagnostics;
using Es.Actors.Fabric;
using Es.Actors.Tests.Wire;
using Es.Core.Checkpoints;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Tests.Fabric;

public abstract class FabricContractTests : IAsyncLifetime
{
    protected static readonly TimeSpan ShortClaim = TimeSpan.FromSeconds(1); // long enough that a loaded machine does not let it lapse early

    /// <summary>A fresh, empty fabric with the given timings.</summary>
    protected abstract IFabric Open(TimeSpan? claimTimeout = null, TimeSpan? heartbeatTtl = null);

    /// <summary>Another node's handle on the same fabric (the same instance in memory; a second connection over Redis).</summary>
    protected abstract IFabric Peer(IFabric fabric);

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Tasks_Should_BeClaimedOnceEach_InPublicationOrder_AndStayAckedAway()
    {
        IFabric fabric = Open();
        await fabric.PublishTasksAsync([WireSamples.Task(0, 0), WireSamples.Task(0, 1), WireSamples.Task(0, 2)]);

        IReadOnlyList<TaskDelivery> first = await fabric.ClaimTasksAsync("w1", 2, TimeSpan.Zero);
        IReadOnlyList<TaskDelivery> second = await Peer(fabric).ClaimTasksAsync("w2", 5, TimeSpan.FromSeconds(1));
        Assert.Equal([0, 1], first.Select(d => d.Task.Task));
        Assert.Equal([2], second.Select(d => d.Task.Task));
        Assert.Equal(WireSamples.Task(0, 2), second[0].Task);

        foreach (TaskDelivery d in first) await fabric.AcknowledgeAsync(d);
        await Peer(fabric).AcknowledgeAsync(second[0]);
        Assert.Empty(await fabric.ClaimTasksAsync("w1", 5, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task UnacknowledgedTask_Should_BeClaimedByAnotherConsumer_AfterTheClaimTimeout_AndNotBefore()
    {
        IFabric fabric = Open(claimTimeout: ShortClaim);
        IFabric other = Peer(fabric); // connected before the claim clock starts
        await other.MembersAsync();
        await fabric.PublishTasksAsync([WireSamples.Task(1, 5), WireSamples.Task(1, 6)]);
        IReadOnlyList<TaskDelivery> claimed = await fabric.ClaimTasksAsync("dying-worker", 2, TimeSpan.FromSeconds(1));
        Assert.Equal(2, claimed.Count);
        await fabric.AcknowledgeAsync(claimed[1]); // task 6 done; task 5 is left hanging

        Assert.Empty(await other.ClaimTasksAsync("healthy-worker", 5, TimeSpan.Zero));
        await Task.Delay(ShortClaim + TimeSpan.FromMilliseconds(100));
        IReadOnlyList<TaskDelivery> again = await other.ClaimTasksAsync("healthy-worker", 5, TimeSpan.FromSeconds(2));
        Assert.Equal([5], again.Select(d => d.Task.Task));
        await other.AcknowledgeAsync(again[0]);

        await Task.Delay(ShortClaim + TimeSpan.FromMilliseconds(100));
        Assert.Empty(await other.ClaimTasksAsync("healthy-worker", 5, TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task Claim_Should_ReturnEmpty_WhenTheWaitPassesWithNothingPublished()
    {
        IFabric fabric = Open();
        var clock = Stopwatch.StartNew();
        Assert.Empty(await fabric.ClaimTasksAsync("w", 3, TimeSpan.FromMilliseconds(300)));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Claim_Should_EndItsWaitEarly_WhenATaskIsPublished()
    {
        IFabric fabric = Open();
        var clock = Stopwatch.StartNew();
        ValueTask<IReadOnlyList<TaskDelivery>> waiting = fabric.ClaimTasksAsync("w", 1, TimeSpan.FromSeconds(20));
        await Task.Delay(300);
        await Peer(fabric).PublishTasksAsync([WireSamples.Task()]);
        IReadOnlyList<TaskDelivery> claimed = await waiting;
        Assert.Single(claimed);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the claim waited {clock.Elapsed}");
    }

    [Fact]
    public async Task Results_Should_BeReadableAgainFromAnyPosition()
    {
        IFabric fabric = Open();
        TaskResult[] published = Enumerable.Range(0, 5).Select(j => WireSamples.Result(2, j, withStats: j % 2 == 0)).ToArray();
        foreach (TaskResult r in published) await fabric.PublishResultAsync(r);

        var positions = new List<string?> { null };
        var all = new List<TaskResult>();
        string? position = null;
        while (all.Count < published.Length)
        {
            ResultBatch batch = await Peer(fabric).ReadResultsAsync(position, 2, TimeSpan.FromSeconds(1));
            Assert.NotEmpty(batch.Results);
            all.AddRange(batch.Results);
            position = batch.Position;
            positions.Add(position);
        }
        Assert.Equal(published.Length, all.Count);
        for (int i = 0; i < published.Length; i++) WireSamples.AssertSame(published[i], all[i]);

        ResultBatch empty = await fabric.ReadResultsAsync(position, 10, TimeSpan.FromMilliseconds(100));
        Assert.Empty(empty.Results);

        // A restarted reader picks up from a saved position and sees exactly what followed it.
        ResultBatch fromSecond = await fabric.ReadResultsAsync(positions[1], 10, TimeSpan.Zero);
        Assert.Equal([2, 3, 4], fromSecond.Results.Select(r => r.Task));
        ResultBatch fromStart = await fabric.ReadResultsAsync(null, 10, TimeSpan.Zero);
        Assert.Equal([0, 1, 2, 3, 4], fromStart.Results.Select(r => r.Task));
    }

    [Fact]
    public async Task Complete_Should_AppendEveryResultInOrder_AndAcknowledgeExactlyItsTasks()
    {
        IFabric fabric = Open(claimTimeout: ShortClaim);
        IFabric other = Peer(fabric);
        await other.MembersAsync();
        await fabric.PublishTasksAsync(Enumerable.Range(0, 4).Select(j => WireSamples.Task(3, j)).ToArray());
        IReadOnlyList<TaskDelivery> claimed = await fabric.ClaimTasksAsync("w1", 4, TimeSpan.FromSeconds(1));
        Assert.Equal(4, claimed.Count);

        // Tasks 0, 2 and 3 are done, in that order; task 1 is still being evaluated.
        TaskDelivery[] done = [claimed[0], claimed[2], claimed[3]];
        await fabric.CompleteAsync(done.Select(d => new CompletedTask(d, WireSamples.Result(3, d.Task.Task))).ToArray());
        await fabric.CompleteAsync([]);

        ResultBatch read = await other.ReadResultsAsync(null, 10, TimeSpan.FromSeconds(1));
        Assert.Equal([0, 2, 3], read.Results.Select(r => r.Task));
        WireSamples.AssertSame(WireSamples.Result(3, 2), read.Results[1]);

        // Only the unacknowledged task comes back after the claim timeout.
        await Task.Delay(ShortClaim + TimeSpan.FromMilliseconds(100));
        IReadOnlyList<TaskDelivery> again = await other.ClaimTasksAsync("w2", 10, TimeSpan.FromSeconds(2));
        Assert.Equal([1], again.Select(d => d.Task.Task));
    }

    [Fact]
    public async Task Complete_Should_EndAResultReadersWaitEarly()
    {
        IFabric fabric = Open();
        await fabric.PublishTasksAsync([WireSamples.Task(0, 7)]);
        IReadOnlyList<TaskDelivery> claimed = await fabric.ClaimTasksAsync("w", 1, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        ValueTask<ResultBatch> waiting = Peer(fabric).ReadResultsAsync(null, 10, TimeSpan.FromSeconds(20));
        await Task.Delay(300);
        await fabric.CompleteAsync([new CompletedTask(claimed[0], WireSamples.Result(0, 7))]);
        Assert.Equal([7], (await waiting).Results.Select(r => r.Task));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the read waited {clock.Elapsed}");
    }

    [Fact]
    public async Task ReadResults_Should_EndItsWaitEarly_WhenAResultIsPublished()
    {
        IFabric fabric = Open();
        var clock = Stopwatch.StartNew();
        ValueTask<ResultBatch> waiting = fabric.ReadResultsAsync(null, 10, TimeSpan.FromSeconds(20));
        await Task.Delay(300);
        await Peer(fabric).PublishResultAsync(WireSamples.Result());
        Assert.Single((await waiting).Results);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the read waited {clock.Elapsed}");
    }

    [Fact]
    public async Task ForgetGenerations_Should_DeleteThatGenerationsUpdateAndLaterOnes_Only()
    {
        IFabric fabric = Open();
        for (long g = 0; g < 5; g++) await fabric.PublishGenerationAsync(WireSamples.Generation(g, withStats: false));
        await Peer(fabric).ForgetGenerationsAsync(2);
        Assert.Equal([0L, 1L], (await fabric.ReadGenerationsAsync(0, 10, TimeSpan.Zero)).Select(u => u.Generation));
        Assert.Empty(await fabric.ReadGenerationsAsync(2, 10, TimeSpan.FromMilliseconds(50)));
        await fabric.PublishGenerationAsync(WireSamples.Generation(2, withStats: true));
        Assert.Equal([0L, 1L, 2L], (await Peer(fabric).ReadGenerationsAsync(0, 10, TimeSpan.FromSeconds(1))).Select(u => u.Generation));
    }

    [Fact]
    public async Task Generations_Should_BeReadInOrder_FromAnyStart_StoppingAtAGap()
    {
        IFabric fabric = Open();
        foreach (long g in new long[] { 2, 0, 1, 4 }) await fabric.PublishGenerationAsync(WireSamples.Generation(g, withStats: g % 2 == 0));

        IReadOnlyList<GenerationUpdate> fromZero = await Peer(fabric).ReadGenerationsAsync(0, 10, TimeSpan.FromSeconds(1));
        Assert.Equal([0L, 1L, 2L], fromZero.Select(u => u.Generation));
        WireSamples.AssertSame(WireSamples.Generation(1, withStats: false), fromZero[1]);
        Assert.Equal([1L, 2L], (await fabric.ReadGenerationsAsync(1, 2, TimeSpan.Zero)).Select(u => u.Generation));
        Assert.Empty(await fabric.ReadGenerationsAsync(3, 10, TimeSpan.FromMilliseconds(50)));
        Assert.Equal([4L], (await fabric.ReadGenerationsAsync(4, 10, TimeSpan.Zero)).Select(u => u.Generation));

        ValueTask<IReadOnlyList<GenerationUpdate>> waiting = fabric.ReadGenerationsAsync(3, 10, TimeSpan.FromSeconds(20));
        await Task.Delay(200);
        await Peer(fabric).PublishGenerationAsync(WireSamples.Generation(3));
        Assert.Equal([3L, 4L], (await waiting).Select(u => u.Generation));
    }

    [Fact]
    public async Task Snapshot_Should_BeNullUntilPublished_ThenTheLatest()
    {
        IFabric fabric = Open();
        Assert.Null(await fabric.ReadSnapshotAsync());
        await fabric.PublishSnapshotAsync(WireSamples.Snapshot(4));
        await fabric.PublishSnapshotAsync(WireSamples.Snapshot(5));
        Checkpoint? read = await Peer(fabric).ReadSnapshotAsync();
        Assert.NotNull(read);
        WireSamples.AssertSame(WireSamples.Snapshot(5), read);
    }

    [Fact]
    public async Task Heartbeats_Should_ListLiveNodes_AndExpireAfterTheTtl()
    {
        // Timing-tolerant on a loaded machine: a keeps renewing while we wait for b to lapse, and
        // expiry is only required to happen no earlier than the TTL and within a generous bound.
        var ttl = TimeSpan.FromMilliseconds(700);
        IFabric fabric = Open(heartbeatTtl: ttl);
        IFabric peer = Peer(fabric); // connected before the clock starts: connecting can take longer than the TTL
        Assert.Empty(await fabric.MembersAsync());
        Assert.Empty(await peer.MembersAsync());
        await fabric.HeartbeatAsync(WireSamples.Node("a"));
        var sinceB = Stopwatch.StartNew();
        await peer.HeartbeatAsync(WireSamples.Node("b") with { Role = "head" });
        Assert.Equal(["a", "b"], (await fabric.MembersAsync()).Select(m => m.NodeId).Order());

        IReadOnlyList<NodeStatus> members;
        var sinceA = new Stopwatch();
        do
        {
            sinceA.Restart(); // a's TTL counts from its latest renewal
            await fabric.HeartbeatAsync(WireSamples.Node("a") with { Generation = 9 }); // a renews, b does not
            members = await peer.MembersAsync();
            if (members.Count == 1) break;
            await Task.Delay(50);
        }
        while (sinceB.Elapsed < ttl + TimeSpan.FromSeconds(5));
        Assert.True(sinceB.Elapsed >= ttl - TimeSpan.FromMilliseconds(50), $"b lapsed after {sinceB.Elapsed}, before its TTL of {ttl}");
        Assert.Equal(WireSamples.Node("a") with { Generation = 9 }, Assert.Single(members));

        while ((await fabric.MembersAsync()).Count > 0 && sinceA.Elapsed < ttl + TimeSpan.FromSeconds(5)) await Task.Delay(50);
        Assert.Empty(await fabric.MembersAsync());
        Assert.True(sinceA.Elapsed >= ttl - TimeSpan.FromMilliseconds(100), $"a lapsed after {sinceA.Elapsed}, before its TTL of {ttl}");
    }
}
