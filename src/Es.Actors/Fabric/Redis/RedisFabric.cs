// The cluster fabric: IFabric over Redis streams, a hash, plain keys with TTLs, and a pub/sub doorbell.
using System.Diagnostics;
using System.Globalization;
using Es.Actors.Wire;
using Es.Core.Checkpoints;
using Es.Core.Evaluation;
using Es.Core.Training;
using StackExchange.Redis;

namespace Es.Actors.Fabric.Redis;

/// <summary>
/// <see cref="IFabric"/> over one Redis server (7.0 or newer), with the same guarantees as
/// <see cref="InMemoryFabric"/>. Every key lives under <c>es:{run}:</c>:
/// <list type="bullet">
/// <item><c>tasks</c>: a stream read through the consumer group <c>workers</c>; an entry pending
/// longer than the claim timeout is taken over with XAUTOCLAIM (at-least-once delivery).</item>
/// <item><c>results</c>: a stream read with XRANGE from an exclusive position (the last entry id).</item>
/// <item><c>generations</c>: a hash with one field per generation, so a replica reads any range in order.</item>
/// <item><c>snapshot</c>: a string key holding the latest checkpoint.</item>
/// <item><c>node:{id}</c>: heartbeat keys that expire after the heartbeat TTL.</item>
/// <item><c>bell</c>: a pub/sub channel rung after every write so waiters poll at once.</item>
/// </list>
/// </summary>
/// <remarks>
/// <para>
/// StackExchange.Redis 1.2.6 has neither a stream API nor blocking reads, so streams are driven
/// with raw commands (the per-task writes through the Lua scripts of <see cref="Scripts"/>: a
/// batch per round trip) and waits poll with a backoff (<see cref="RedisFabricOptions.MinPollBackoff"/>
/// doubling to <see cref="RedisFabricOptions.MaxPollBackoff"/>) that the doorbell cuts short. The
/// bell is only a hint: a lost bell costs at most one backoff, never a message.
/// </para>
/// <para>
/// Every message is encoded with <see cref="WireCodec"/>. An entry that is refused (another run,
/// another protocol version, oversized, malformed) is skipped and counted in
/// <see cref="RefusedMessages"/>; a refused task is acknowledged and deleted so it is not handed
/// out forever. A refused snapshot is the exception: <see cref="ReadSnapshotAsync"/> throws its
/// <see cref="WireException"/>, because answering "no snapshot" would be a lie.
/// </para>
/// <para>
/// Server restarts: the connection is made with <c>abortConnect=false</c> and reconnects by itself;
/// each operation that fails for want of a connection is retried with backoff (100 ms doubling to
/// 2 s) for up to <see cref="RedisFabricOptions.RetryBudget"/>, then the exception reaches the
/// caller. A retried write may have been applied before the connection dropped, so it can be
/// duplicated; consumers already tolerate duplicates (at-least-once). A consumer group lost with
/// the server's memory is created again on the next use.
/// </para>
/// </remarks>
public sealed class RedisFabric : IFabric
{
    private static readonly TimeSpan RetryInitialDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RetryMaxDelay = TimeSpan.FromSeconds(2);
    private const int RefusedIdsRemembered = 10_000;

    private readonly RedisFabricOptions _options;
    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _db;
    private readonly ISubscriber _subscriber;
    private readonly WireCodec _codec;
    private readonly object _bellGate = new();
    private readonly HashSet<string> _refusedIds = new(StringComparer.Ordinal);
    // One local signal per log: a replica waiting for a generation update is not woken by every result.
    private readonly TaskCompletionSource[] _bells = [NewSignal(), NewSignal(), NewSignal()];
    private volatile bool _groupReady;
    private long _nextStaleSweep; // Stopwatch timestamp after which a claim looks for stale claims first
    private volatile bool _subscribed;
    private int _disposed;

    /// <summary>Connects to the run's Redis (without failing if the server is not up yet) and subscribes to its doorbell.</summary>
    /// <exception cref="ArgumentException">An option is invalid: no or a malformed endpoint, an empty run id, a non-positive timeout, or an ACL user this client cannot authenticate as.</exception>
    public RedisFabric(RedisFabricOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _options = options;
        _codec = new WireCodec(options.RunId, options.MaxMessageBytes);
        Keys = new RedisKeys(options.RunId);

        var config = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds,
            SyncTimeout = Math.Max(5000, (int)options.ConnectTimeout.TotalMilliseconds),
            ConnectRetry = 3,
            KeepAlive = 5,
            ClientName = "esakka",
            Password = options.Password,
        };
        foreach (string url in options.Endpoints)
        {
            RedisEndpoint endpoint = RedisEndpoint.Parse(url);
            config.EndPoints.Add(endpoint.Host, endpoint.Port);
            if (endpoint.Tls) config.Ssl = true;
        }
        if (options.Tls) config.Ssl = true;
        _connection = ConnectionMultiplexer.Connect(config);
        _db = _connection.GetDatabase();
        _subscriber = _connection.GetSubscriber();
        TrySubscribe();
    }

    /// <summary>Messages refused so far, by reason (each stored message is counted once, however often it is read).</summary>
    public RefusalCounts RefusedMessages { get; } = new();

    /// <summary>Raised for each refused message with where it was found (key and entry id) and why; for logging.</summary>
    public event Action<string, WireException>? MessageRefused;

    /// <summary>The run's options.</summary>
    public RedisFabricOptions Options => _options;

    /// <summary>Whether the connection to the server is up now.</summary>
    public bool IsConnected => _connection.IsConnected;

    internal RedisKeys Keys { get; }

    /// <inheritdoc/>
    public async ValueTask PublishTasksAsync(IReadOnlyList<EvaluationTask> tasks, CancellationToken cancellation = default)
    {
        if (tasks.Count == 0) return;
        await EnsureGroupAsync(cancellation).ConfigureAwait(false);
        for (int start = 0; start < tasks.Count; start += ScriptBatch)
        {
            int n = Math.Min(ScriptBatch, tasks.Count - start);
            var args = new RedisValue[3 + n];
            args[0] = RedisKeys.Field;
            args[1] = (string)Keys.Bell!;
            args[2] = BellNames[(int)Bell.Tasks];
            for (int i = 0; i < n; i++) args[3 + i] = _codec.EncodeTask(tasks[start + i]);
            await RetryAsync(() => _db.ScriptEvaluateAsync(Scripts.PublishTasks, [Keys.Tasks], args), cancellation).ConfigureAwait(false);
        }
        OnBell(Bell.Tasks);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<TaskDelivery>> ClaimTasksAsync(string consumer, int max, TimeSpan wait, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await EnsureGroupAsync(cancellation).ConfigureAwait(false);
        return await PollAsync(Bell.Tasks, async () =>
        {
            var claimed = new List<TaskDelivery>();
            // Stale claims (of a node that died) go first when a sweep is due, and are looked for
            // whenever nothing new is left; not on every claim, which cost a round trip per task.
            bool swept = Stopwatch.GetTimestamp() >= Interlocked.Read(ref _nextStaleSweep);
            if (swept) await ClaimStaleAsync(consumer, max, claimed, cancellation).ConfigureAwait(false);
            if (claimed.Count < max)
            {
                // A plain command, not a script: Redis would convert the reply to Lua tables and back (measured: ~70 µs of server CPU per call).
                RedisResult reply = await RetryAsync(() => _db.ExecuteAsync("XREADGROUP", "GROUP", RedisKeys.Group, consumer, "COUNT", max - claimed.Count, "STREAMS", Keys.Tasks, ">"), cancellation).ConfigureAwait(false);
                if (!reply.IsNull)
                {
                    foreach (RedisResult stream in (RedisResult[])reply!)
                        await AcceptTasksAsync(StreamEntry.ParseList(((RedisResult[])stream!)[1]), claimed, cancellation).ConfigureAwait(false);
                }
            }
            if (claimed.Count < max && !swept) await ClaimStaleAsync(consumer, max, claimed, cancellation).ConfigureAwait(false);
            return (claimed.Count > 0, (IReadOnlyList<TaskDelivery>)claimed);
        }, wait, cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask AcknowledgeAsync(TaskDelivery delivery, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await RetryAsync(() => AckAndDeleteAsync([delivery.Id]), cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask PublishResultAsync(TaskResult result, CancellationToken cancellation = default)
    {
        byte[] message = _codec.EncodeResult(result);
        await RetryAsync(() => _db.ExecuteAsync("XADD", Keys.Results, "*", RedisKeys.Field, message), cancellation).ConfigureAwait(false);
        await RingAsync(Bell.Results).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One Lua script per batch (of at most <see cref="ScriptBatch"/> completions): the results' XADDs, one
    /// XACK and one XDEL of their tasks, and one doorbell, in a single round trip. The script runs
    /// atomically, so no reader sees a task acknowledged without its result.
    /// </remarks>
    public async ValueTask CompleteAsync(IReadOnlyList<CompletedTask> completed, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(completed);
        if (completed.Count == 0) return;
        for (int start = 0; start < completed.Count; start += ScriptBatch)
        {
            int n = Math.Min(ScriptBatch, completed.Count - start);
            var args = new RedisValue[5 + 2 * n];
            args[0] = RedisKeys.Field;
            args[1] = RedisKeys.Group;
            args[2] = (string)Keys.Bell!;
            args[3] = BellNames[(int)Bell.Results];
            args[4] = n;
            for (int i = 0; i < n; i++)
            {
                args[5 + i] = _codec.EncodeResult(completed[start + i].Result);
                args[5 + n + i] = completed[start + i].Delivery.Id;
            }
            RedisKey[] keys = [Keys.Results, Keys.Tasks];
            await RetryAsync(() => _db.ScriptEvaluateAsync(Scripts.Complete, keys, args), cancellation).ConfigureAwait(false);
        }
        OnBell(Bell.Results);
    }

    /// <summary>Most messages one script call carries.</summary>
    private const int ScriptBatch = 256;

    /// <inheritdoc/>
    /// <remarks>The position is the id of the last entry read (refused entries included, so they are passed over); null reads from the start.</remarks>
    /// <exception cref="ArgumentException"><paramref name="position"/> is not a position this fabric returned.</exception>
    public async ValueTask<ResultBatch> ReadResultsAsync(string? position, int max, TimeSpan wait, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        if (position is not null && !IsStreamId(position))
            throw new ArgumentException($"'{position}' is not a result position of the Redis fabric (expected a stream id such as 1700000000000-0).", nameof(position));
        string start = position is null ? "-" : "(" + position;
        return await PollAsync(Bell.Results, async () =>
        {
            RedisResult reply = await RetryAsync(() => _db.ExecuteAsync("XRANGE", Keys.Results, start, "+", "COUNT", max), cancellation).ConfigureAwait(false);
            List<StreamEntry> entries = StreamEntry.ParseList(reply);
            var results = new List<TaskResult>(entries.Count);
            foreach (StreamEntry entry in entries)
            {
                if (entry.Message is null) continue;
                try
                {
                    results.Add(_codec.DecodeResult(entry.Message));
                }
                catch (WireException e)
                {
                    Refuse($"{Keys.Results}/{entry.Id}", e);
                }
            }
            string? next = entries.Count > 0 ? entries[^1].Id : position;
            return (entries.Count > 0, new ResultBatch(results, next));
        }, wait, cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask PublishGenerationAsync(GenerationUpdate update, CancellationToken cancellation = default)
    {
        RedisValue[] args = [update.Generation.ToString(CultureInfo.InvariantCulture), _codec.EncodeGeneration(update), (string)Keys.Bell!, BellNames[(int)Bell.Generations]];
        await RetryAsync(() => _db.ScriptEvaluateAsync(Scripts.PublishGeneration, [Keys.Generations], args), cancellation).ConfigureAwait(false);
        OnBell(Bell.Generations);
    }

    /// <inheritdoc/>
    /// <remarks>A refused update ends the run of consecutive generations: those before it are returned, and it is counted.</remarks>
    public async ValueTask<IReadOnlyList<GenerationUpdate>> ReadGenerationsAsync(long fromGeneration, int max, TimeSpan wait, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromGeneration);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        RedisValue[] fields = Enumerable.Range(0, max).Select(i => (RedisValue)(fromGeneration + i).ToString(CultureInfo.InvariantCulture)).ToArray();
        return await PollAsync(Bell.Generations, async () =>
        {
            RedisValue[] values = await RetryAsync(() => _db.HashGetAsync(Keys.Generations, fields), cancellation).ConfigureAwait(false);
            var updates = new List<GenerationUpdate>();
            for (int i = 0; i < values.Length && !values[i].IsNull; i++)
            {
                long generation = fromGeneration + i;
                try
                {
                    GenerationUpdate update = _codec.DecodeGeneration((byte[])values[i]!);
                    if (update.Generation != generation)
                        throw new WireException($"malformed: the update stored for generation {generation} is for generation {update.Generation}");
                    updates.Add(update);
                }
                catch (WireException e)
                {
                    Refuse($"{Keys.Generations}/{generation}", e);
                    break;
                }
            }
            return (updates.Count > 0, (IReadOnlyList<GenerationUpdate>)updates);
        }, wait, cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask ForgetGenerationsAsync(long fromGeneration, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromGeneration);
        RedisValue[] args = [fromGeneration];
        await RetryAsync(() => _db.ScriptEvaluateAsync(Scripts.ForgetGenerations, [Keys.Generations], args), cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask PublishSnapshotAsync(Checkpoint snapshot, CancellationToken cancellation = default)
    {
        byte[] message = _codec.EncodeSnapshot(snapshot);
        await RetryAsync(() => _db.StringSetAsync(Keys.Snapshot, message), cancellation).ConfigureAwait(false);
        await RingAsync(Bell.Generations).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="WireException">The stored snapshot is refused (counted as well).</exception>
    public async ValueTask<Checkpoint?> ReadSnapshotAsync(CancellationToken cancellation = default)
    {
        RedisValue value = await RetryAsync(() => _db.StringGetAsync(Keys.Snapshot), cancellation).ConfigureAwait(false);
        if (value.IsNull) return null;
        try
        {
            return _codec.DecodeSnapshot((byte[])value!);
        }
        catch (WireException e)
        {
            Refuse((string)Keys.Snapshot!, e);
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask HeartbeatAsync(NodeStatus status, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        byte[] message = _codec.EncodeNodeStatus(status);
        await RetryAsync(() => _db.StringSetAsync(Keys.Node(status.NodeId), message, _options.HeartbeatTtl), cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<NodeStatus>> MembersAsync(CancellationToken cancellation = default)
    {
        List<RedisKey> keys = await ScanAsync(Keys.NodePattern, cancellation).ConfigureAwait(false);
        if (keys.Count == 0) return [];
        RedisValue[] values = await RetryAsync(() => _db.StringGetAsync(keys.ToArray()), cancellation).ConfigureAwait(false);
        var members = new List<NodeStatus>(keys.Count);
        for (int i = 0; i < keys.Count; i++)
        {
            if (values[i].IsNull) continue; // expired between SCAN and MGET
            try
            {
                members.Add(_codec.DecodeNodeStatus((byte[])values[i]!));
            }
            catch (WireException e)
            {
                Refuse((string)keys[i]!, e);
            }
        }
        return members.OrderBy(m => m.NodeId, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Deletes every key of this run (streams, group, generations, snapshot, heartbeats): for tests and for cleaning up a finished run.</summary>
    public async Task DeleteRunAsync(CancellationToken cancellation = default)
    {
        List<RedisKey> keys = await ScanAsync(Keys.AllPattern, cancellation).ConfigureAwait(false);
        if (keys.Count > 0) await RetryAsync(() => _db.KeyDeleteAsync(keys.ToArray()), cancellation).ConfigureAwait(false);
        _groupReady = false;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        lock (_bellGate)
        {
            foreach (TaskCompletionSource bell in _bells) bell.TrySetResult();
        }
        try
        {
            if (_subscribed) await _subscriber.UnsubscribeAsync(Keys.Bell).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // The server is gone; closing the connection below is all that is left to do.
        }
        await _connection.CloseAsync(allowCommandsToComplete: true).ConfigureAwait(false);
        _connection.Dispose();
    }

    private async Task ClaimStaleAsync(string consumer, int max, List<TaskDelivery> claimed, CancellationToken cancellation)
    {
        long idleMs = Math.Max(1, (long)_options.ClaimIdleTimeout.TotalMilliseconds);
        // The next sweep is due after a quarter of the claim timeout, at most a second.
        TimeSpan interval = TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, _options.ClaimIdleTimeout.Ticks / 4));
        Interlocked.Exchange(ref _nextStaleSweep, Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * Stopwatch.Frequency));
        string cursor = "0-0";
        // XAUTOCLAIM scans the pending list in steps; follow the cursor a few times, not forever.
        for (int step = 0; step < 8 && claimed.Count < max; step++)
        {
            string from = cursor;
            RedisResult reply = await RetryAsync(() => _db.ExecuteAsync("XAUTOCLAIM", Keys.Tasks, RedisKeys.Group, consumer, idleMs, from, "COUNT", max - claimed.Count), cancellation).ConfigureAwait(false);
            var parts = (RedisResult[])reply!;
            cursor = (string)parts[0]!;
            await AcceptTasksAsync(StreamEntry.ParseList(parts[1]), claimed, cancellation, reclaimed: true).ConfigureAwait(false);
            if (cursor == "0-0") break;
        }
    }

    /// <summary>Decodes claimed entries; refused or deleted ones are acknowledged at once so they are never handed out again.</summary>
    private async Task AcceptTasksAsync(List<StreamEntry> entries, List<TaskDelivery> claimed, CancellationToken cancellation, bool reclaimed = false)
    {
        var drop = new List<string>();
        foreach (StreamEntry entry in entries)
        {
            if (entry.Message is null)
            {
                drop.Add(entry.Id);
                continue;
            }
            try
            {
                claimed.Add(new TaskDelivery(entry.Id, _codec.DecodeTask(entry.Message), reclaimed));
            }
            catch (WireException e)
            {
                Refuse($"{Keys.Tasks}/{entry.Id}", e);
                drop.Add(entry.Id);
            }
        }
        if (drop.Count > 0) await RetryAsync(() => AckAndDeleteAsync(drop), cancellation).ConfigureAwait(false);
    }

    private Task AckAndDeleteAsync(IReadOnlyList<string> ids)
    {
        object[] ack = [Keys.Tasks, RedisKeys.Group, .. ids];
        object[] del = [Keys.Tasks, .. ids];
        return Task.WhenAll(_db.ExecuteAsync("XACK", ack), _db.ExecuteAsync("XDEL", del));
    }

    private async Task EnsureGroupAsync(CancellationToken cancellation)
    {
        if (_groupReady) return;
        try
        {
            // "0": the group sees every task, including those published before the first worker came.
            await RetryAsync(() => _db.ExecuteAsync("XGROUP", "CREATE", Keys.Tasks, RedisKeys.Group, "0", "MKSTREAM"), cancellation).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another node created it first.
        }
        _groupReady = true;
    }

    private void Refuse(string where, WireException e)
    {
        lock (_refusedIds)
        {
            if (_refusedIds.Count >= RefusedIdsRemembered) _refusedIds.Clear();
            if (!_refusedIds.Add(where)) return;
        }
        RefusedMessages.Add(e.Reason);
        MessageRefused?.Invoke(where, e);
    }

    /// <summary>Polls until <paramref name="attempt"/> reports success or <paramref name="wait"/> passes, sleeping a growing backoff that the doorbell cuts short.</summary>
    private async Task<T> PollAsync<T>(Bell kind, Func<Task<(bool Done, T Value)>> attempt, TimeSpan wait, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan backoff = _options.MinPollBackoff;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            Task bell;
            lock (_bellGate) bell = _bells[(int)kind].Task; // taken before polling, so a bell rung during the poll is not missed
            (bool done, T value) = await attempt().ConfigureAwait(false);
            TimeSpan remaining = wait - clock.Elapsed;
            if (done || remaining <= TimeSpan.Zero || _disposed != 0) return value;
            if (!_subscribed) TrySubscribe();
            TimeSpan pause = backoff < remaining ? backoff : remaining;
            await Task.WhenAny(bell, Task.Delay(pause, cancellation)).ConfigureAwait(false);
            cancellation.ThrowIfCancellationRequested();
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxPollBackoff.Ticks));
        }
    }

    private async Task RingAsync(Bell kind)
    {
        OnBell(kind);
        try
        {
            await _subscriber.PublishAsync(Keys.Bell, BellNames[(int)kind]).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // The bell is a hint; waiters poll anyway.
        }
    }

    private void OnBell(Bell kind)
    {
        lock (_bellGate)
        {
            TaskCompletionSource rung = _bells[(int)kind];
            _bells[(int)kind] = NewSignal();
            rung.TrySetResult();
        }
    }

    /// <summary>A bell from the channel: its log's name, or anything else (an older node's "1") for all of them.</summary>
    private void OnBell(RedisValue message)
    {
        int kind = Array.IndexOf(BellNames, (string?)message);
        if (kind >= 0)
        {
            OnBell((Bell)kind);
            return;
        }
        foreach (Bell each in Enum.GetValues<Bell>()) OnBell(each);
    }

    /// <summary>Which log changed; the payload of the doorbell.</summary>
    private enum Bell
    {
        Tasks,
        Results,
        Generations,
    }

    private static readonly string[] BellNames = ["tasks", "results", "generations"];

    private void TrySubscribe()
    {
        if (_subscribed) return;
        try
        {
            _subscriber.Subscribe(Keys.Bell, (_, message) => OnBell(message));
            _subscribed = true;
        }
        catch (RedisException)
        {
            // Not connected yet: polling works without the bell; the next wait tries again.
        }
    }

    /// <summary>The run ids that have a head on this server (a published snapshot): what a worker waiting for another run id is told.</summary>
    public async Task<IReadOnlyList<string>> RunsOnServerAsync(CancellationToken cancellation = default)
    {
        List<RedisKey> keys = await ScanAsync("es:*:snapshot", cancellation).ConfigureAwait(false);
        return keys.Select(k => ((string)k!)["es:".Length..^":snapshot".Length]).Order(StringComparer.Ordinal).ToArray();
    }

    private async Task<List<RedisKey>> ScanAsync(string pattern, CancellationToken cancellation)
    {
        var keys = new List<RedisKey>();
        string cursor = "0";
        do
        {
            string from = cursor;
            RedisResult reply = await RetryAsync(() => _db.ExecuteAsync("SCAN", from, "MATCH", pattern, "COUNT", 500), cancellation).ConfigureAwait(false);
            var parts = (RedisResult[])reply!;
            cursor = (string)parts[0]!;
            foreach (RedisResult key in (RedisResult[])parts[1]!) keys.Add((RedisKey)key);
        }
        while (cursor != "0");
        return keys;
    }

    private Task RetryAsync(Func<Task> operation, CancellationToken cancellation) =>
        RetryAsync(async () => { await operation().ConfigureAwait(false); return true; }, cancellation);

    /// <summary>Runs <paramref name="operation"/>, retrying through connection failures for the retry budget and re-creating a lost consumer group.</summary>
    private async Task<T> RetryAsync<T>(Func<Task<T>> operation, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan delay = RetryInitialDelay;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                return await operation().ConfigureAwait(false);
            }
            catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal) && clock.Elapsed < _options.RetryBudget)
            {
                // The server lost the stream (restart without persistence, or DeleteRunAsync): create it again.
                _groupReady = false;
                await EnsureGroupAsync(cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && clock.Elapsed + delay < _options.RetryBudget)
            {
                await Task.Delay(delay, cancellation).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, RetryMaxDelay.Ticks));
            }
        }
    }

    private static bool IsTransient(Exception e) =>
        e is RedisConnectionException or RedisTimeoutException or TimeoutException
        || (e is RedisServerException s && (s.Message.StartsWith("LOADING", StringComparison.Ordinal) || s.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal)));

    private static bool IsStreamId(string text)
    {
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && dash < text.Length - 1
            && ulong.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && ulong.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Validate(RedisFabricOptions o)
    {
        if (o.Endpoints is null || o.Endpoints.Count == 0)
            throw new ArgumentException("The Redis fabric needs at least one endpoint, e.g. redis://127.0.0.1:6379.", nameof(o));
        foreach (string url in o.Endpoints) RedisEndpoint.Parse(url);
        if (string.IsNullOrWhiteSpace(o.RunId) || o.RunId.Any(char.IsControl) || o.RunId.Length > 200)
            throw new ArgumentException($"The run id '{o.RunId}' is not usable: it must be 1 to 200 printable characters.", nameof(o));
        if (o.User is not null && o.User != "default")
            throw new ArgumentException($"ACL user '{o.User}' is not supported: StackExchange.Redis 1.2.6 authenticates only as the default user (AUTH password). Use the default user's password, or leave User unset.", nameof(o));
        Positive(o.ClaimIdleTimeout, nameof(o.ClaimIdleTimeout));
        Positive(o.HeartbeatTtl, nameof(o.HeartbeatTtl));
        Positive(o.MinPollBackoff, nameof(o.MinPollBackoff));
        Positive(o.ConnectTimeout, nameof(o.ConnectTimeout));
        if (o.MaxPollBackoff < o.MinPollBackoff)
            throw new ArgumentException($"MaxPollBackoff ({o.MaxPollBackoff}) is shorter than MinPollBackoff ({o.MinPollBackoff}).", nameof(o));
        if (o.RetryBudget < TimeSpan.Zero)
            throw new ArgumentException($"RetryBudget must not be negative, got {o.RetryBudget}.", nameof(o));
        if (o.MaxMessageBytes <= 0)
            throw new ArgumentException($"MaxMessageBytes must be positive, got {o.MaxMessageBytes}.", nameof(o));
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentException($"{name} must be positive, got {value}.", name);
    }
}
