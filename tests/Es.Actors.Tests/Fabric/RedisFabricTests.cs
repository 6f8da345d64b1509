// Redis-only behaviour: refused messages are skipped and counted without blocking later ones, the doorbell crosses connections, options are checked.
using System.Diagnostics;
using Es.Actors.Fabric.Redis;
using Es.Actors.Fabric;
using Es.Actors.Tests.Wire;
using Es.Actors.Wire;
using Es.Core.Training;
using StackExchange.Redis;

namespace Es.Actors.Tests.Fabric;

public sealed class RedisFabricTests : IAsyncLifetime
{
    private readonly List<RedisFabric> _opened = [];
    private ConnectionMultiplexer? _raw;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (RedisFabric fabric in _opened)
        {
            await fabric.DeleteRunAsync();
            await fabric.DisposeAsync();
        }
        if (_raw is not null) await _raw.CloseAsync();
        _raw?.Dispose();
    }

    [Fact]
    public async Task RefusedTasks_Should_BeCountedByReason_AcknowledgedAway_AndNotBlockLaterTasks()
    {
        RedisFabric fabric = Open(o => o with { MaxMessageBytes = 4096, ClaimIdleTimeout = TimeSpan.FromMilliseconds(200) });
        var refusals = new List<string>();
        fabric.MessageRefused += (where, e) => { lock (refusals) refusals.Add($"{where}: {e.Message}"); };
        var codec = new WireCodec(fabric.Options.RunId);
        await fabric.PublishTasksAsync([WireSamples.Task(0, 0)]); // creates the group; claimed below in order
        IDatabase db = Raw();
        await RawAdd(db, fabric.Keys.Tasks, new WireCodec("another-run").EncodeTask(WireSamples.Task()));
        await RawAdd(db, fabric.Keys.Tasks, codec.Wrap(MessageKind.Task, new byte[26], version: 2));
        await RawAdd(db, fabric.Keys.Tasks, new byte[5000]);
        await RawAdd(db, fabric.Keys.Tasks, RandomBytes(64, seed: 1));
        await RawAdd(db, fabric.Keys.Tasks, codec.EncodeResult(WireSamples.Result()));
        await db.ExecuteAsync("XADD", fabric.Keys.Tasks, "*", "not-the-field", "x");
        await fabric.PublishTasksAsync([WireSamples.Task(0, 1)]);

        IReadOnlyList<TaskDelivery> claimed = await fabric.ClaimTasksAsync("w", 10, TimeSpan.FromSeconds(1));
        Assert.Equal([0, 1], claimed.Select(d => d.Task.Task));
        Assert.Equal(1, fabric.RefusedMessages[WireRefusal.ForeignRun]);
        Assert.Equal(1, fabric.RefusedMessages[WireRefusal.Version]);
        Assert.Equal(1, fabric.RefusedMessages[WireRefusal.Oversized]);
        Assert.Equal(2, fabric.RefusedMessages[WireRefusal.Malformed]);
        Assert.Equal(1, fabric.RefusedMessages[WireRefusal.WrongKind]);
        Assert.Equal(6, fabric.RefusedMessages.Total);
        Assert.Contains(refusals, r => r.EndsWith($"message from run 'another-run', this run is '{fabric.Options.RunId}'", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.EndsWith("protocol version 2, this node speaks 3", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.Contains("oversized: 4.9 KB > limit 4 KB", StringComparison.Ordinal));

        // The refused entries were acknowledged and deleted: after the claim timeout nothing but the two valid tasks comes back.
        Assert.Equal(2L, (long)await db.ExecuteAsync("XLEN", fabric.Keys.Tasks));
        await Task.Delay(400);
        Assert.Equal([0, 1], (await fabric.ClaimTasksAsync("w2", 10, TimeSpan.FromSeconds(1))).Select(d => d.Task.Task).Order());
        Assert.Equal(6, fabric.RefusedMessages.Total);
    }

    [Fact]
    public async Task RefusedResults_Should_BeSkippedAndCountedOnce_ThePositionMovingPastThem()
    {
        RedisFabric fabric = Open();
        IDatabase db = Raw();
        await fabric.PublishResultAsync(WireSamples.Result(0, 0));
        await RawAdd(db, fabric.Keys.Results, new WireCodec("another-run").EncodeResult(WireSamples.Result()));
        await RawAdd(db, fabric.Keys.Results, RandomBytes(100, seed: 2));
        await fabric.PublishResultAsync(WireSamples.Result(0, 1));

        ResultBatch batch = await fabric.ReadResultsAsync(null, 10, TimeSpan.FromSeconds(1));
        Assert.Equal([0, 1], batch.Results.Select(r => r.Task));
        ResultBatch again = await fabric.ReadResultsAsync(null, 3, TimeSpan.Zero);
        Assert.Equal([0], again.Results.Select(r => r.Task)); // three entries read, two of them refused
        Assert.Equal([1], (await fabric.ReadResultsAsync(again.Position, 10, TimeSpan.Zero)).Results.Select(r => r.Task));
        Assert.Equal(1, fabric.RefusedMessages[WireRefusal.ForeignRun]);
        Assert.Equal(1, fabric.RefusedMessages[WireRefusal.Malformed]);

        string? afterFirst = (await fabric.ReadResultsAsync(null, 1, TimeSpan.Zero)).Position;
        ResultBatch onlyRefused = await fabric.ReadResultsAsync(afterFirst, 2, TimeSpan.Zero);
        Assert.Empty(onlyRefused.Results);
        Assert.NotEqual(afterFirst, onlyRefused.Position); // a batch of refused entries still moves the reader on
        Assert.Equal([1], (await fabric.ReadResultsAsync(onlyRefused.Position, 10, TimeSpan.Zero)).Results.Select(r => r.Task));
    }

    [Fact]
    public async Task RefusedGenerationSnapshotAndHeartbeat_Should_BeCounted_WithoutBreakingWhatPrecedesThem()
    {
        RedisFabric fabric = Open();
        IDatabase db = Raw();
        await fabric.PublishGenerationAsync(WireSamples.Generation(0));
        await db.HashSetAsync(fabric.Keys.Generations, "1", RandomBytes(40, seed: 3));
        await db.HashSetAsync(fabric.Keys.Generations, "2", new WireCodec(fabric.Options.RunId).EncodeGeneration(WireSamples.Generation(7)));
        Assert.Equal([0L], (await fabric.ReadGenerationsAsync(0, 10, TimeSpan.Zero)).Select(u => u.Generation));
        Assert.Empty(await fabric.ReadGenerationsAsync(2, 10, TimeSpan.Zero)); // stored under 2 but says 7
        Assert.Equal(2, fabric.RefusedMessages[WireRefusal.Malformed]);

        await db.StringSetAsync(fabric.Keys.Snapshot, new WireCodec("another-run").EncodeSnapshot(WireSamples.Snapshot()));
        var e = await Assert.ThrowsAsync<WireException>(async () => await fabric.ReadSnapshotAsync());
        Assert.Equal(WireRefusal.ForeignRun, e.Reason);

        await fabric.HeartbeatAsync(WireSamples.Node("good"));
        await db.StringSetAsync(fabric.Keys.Node("bad"), "garbage", TimeSpan.FromSeconds(10));
        Assert.Equal(["good"], (await fabric.MembersAsync()).Select(m => m.NodeId));
        Assert.Equal(3, fabric.RefusedMessages[WireRefusal.Malformed]);
        Assert.Equal(1, fabric.RefusedMessages[WireRefusal.ForeignRun]);
        Assert.Equal(4, fabric.RefusedMessages.Total);
    }

    [Fact]
    public async Task Doorbell_Should_WakeAWaiterOnAnotherConnection_LongBeforeItsNextPoll()
    {
        // Polls 10 s apart: only the pub/sub doorbell can end the waits within a couple of seconds.
        Func<RedisFabricOptions, RedisFabricOptions> slowPolls = o => o with { MinPollBackoff = TimeSpan.FromSeconds(10), MaxPollBackoff = TimeSpan.FromSeconds(10) };
        RedisFabric waiter = Open(slowPolls);
        RedisFabric publisher = Open(o => slowPolls(o) with { RunId = waiter.Options.RunId });
        await waiter.ReadResultsAsync(null, 1, TimeSpan.Zero); // connection and subscription up

        var clock = Stopwatch.StartNew();
        ValueTask<IReadOnlyList<TaskDelivery>> claim = waiter.ClaimTasksAsync("w", 1, TimeSpan.FromSeconds(30));
        ValueTask<ResultBatch> read = waiter.ReadResultsAsync(null, 1, TimeSpan.FromSeconds(30));
        ValueTask<IReadOnlyList<GenerationUpdate>> generations = waiter.ReadGenerationsAsync(0, 1, TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        await publisher.PublishTasksAsync([WireSamples.Task()]);
        await publisher.PublishResultAsync(WireSamples.Result());
        await publisher.PublishGenerationAsync(WireSamples.Generation(0));
        Assert.Single(await claim);
        Assert.Single((await read).Results);
        Assert.Single(await generations);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"waits ended after {clock.Elapsed}");
    }

    [Fact]
    public async Task LostConsumerGroup_Should_BeCreatedAgain_OnTheNextUse()
    {
        RedisFabric a = Open();
        RedisFabric b = Open(o => o with { RunId = a.Options.RunId });
        await b.PublishTasksAsync([WireSamples.Task(0, 0)]);
        Assert.Single(await b.ClaimTasksAsync("w", 1, TimeSpan.FromSeconds(1)));
        await a.DeleteRunAsync(); // as if the server restarted without persistence

        await b.PublishTasksAsync([WireSamples.Task(0, 1)]); // b still believes the group exists
        Assert.Equal([1], (await b.ClaimTasksAsync("w", 5, TimeSpan.FromSeconds(1))).Select(d => d.Task.Task));
    }

    [Theory]
    [InlineData("localhost:6379")]
    [InlineData("http://localhost:6379")]
    [InlineData("redis://")]
    [InlineData("redis://host:99999")]
    [InlineData("redis://user:secret@host:6379")]
    [InlineData("redis://host:6379/3")]
    [InlineData("redis://host:0")]
    public void Options_Should_RefuseAMalformedEndpoint_NamingIt(string url)
    {
        var e = Assert.Throws<ArgumentException>(() => new RedisFabric(new RedisFabricOptions { Endpoints = [url], RunId = "r" }));
        Assert.Contains($"'{url}'", e.Message);
    }

    [Fact]
    public void Endpoint_Should_ParseHostPortAndTls()
    {
        Assert.Equal(new RedisEndpoint("127.0.0.1", 6380, false), RedisEndpoint.Parse("redis://127.0.0.1:6380"));
        Assert.Equal(new RedisEndpoint("cache.example", 6379, true), RedisEndpoint.Parse("rediss://cache.example"));
        Assert.Equal(new RedisEndpoint("::1", 7000, false), RedisEndpoint.Parse("redis://[::1]:7000/"));
        Assert.Equal("redis://h:1", RedisEndpoint.Parse("redis://h:1").ToString());
    }

    [Fact]
    public void Options_Should_RefuseWhatCannotWork_BeforeConnecting()
    {
        var ok = new RedisFabricOptions { Endpoints = ["redis://127.0.0.1:1"], RunId = "r" };
        Assert.Contains("ACL user 'alice'", Assert.Throws<ArgumentException>(() => new RedisFabric(ok with { User = "alice" })).Message);
        Assert.Contains("at least one endpoint", Assert.Throws<ArgumentException>(() => new RedisFabric(ok with { Endpoints = [] })).Message);
        Assert.Contains("run id", Assert.Throws<ArgumentException>(() => new RedisFabric(ok with { RunId = " " })).Message);
        Assert.Contains("ClaimIdleTimeout", Assert.Throws<ArgumentException>(() => new RedisFabric(ok with { ClaimIdleTimeout = TimeSpan.Zero })).Message);
    }

    [Fact]
    public async Task ReadResults_Should_RefuseAPositionItDidNotIssue()
    {
        RedisFabric fabric = Open();
        await Assert.ThrowsAsync<ArgumentException>(async () => await fabric.ReadResultsAsync("12", 1, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentException>(async () => await fabric.ReadResultsAsync("a-b", 1, TimeSpan.Zero));
    }

    private RedisFabric Open(Func<RedisFabricOptions, RedisFabricOptions>? change = null)
    {
        RedisFabricOptions options = TestRedis.Options(TestRedis.NewRunId("redis"));
        var fabric = new RedisFabric(change is null ? options : change(options));
        _opened.Add(fabric);
        return fabric;
    }

    private IDatabase Raw()
    {
        if (_raw is null)
        {
            RedisEndpoint endpoint = RedisEndpoint.Parse(TestRedis.Url);
            _raw = ConnectionMultiplexer.Connect($"{endpoint.Host}:{endpoint.Port},abortConnect=false");
        }
        return _raw.GetDatabase();
    }

    private static Task RawAdd(IDatabase db, RedisKey stream, byte[] message) => db.ExecuteAsync("XADD", stream, "*", "m", message);

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
