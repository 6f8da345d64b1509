// The single-process fabric: the same contract as the cluster's, held in memory with async waits.
using Es.Core.Checkpoints;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Fabric;

/// <summary>
/// <see cref="IFabric"/> inside one process: no server, no serialization, the same delivery
/// rules (claims expire, logs are re-readable). Thread-safe.
/// </summary>
public sealed class InMemoryFabric : IFabric
{
    private readonly object _gate = new();
    private readonly LinkedList<TaskDelivery> _queue = new();
    private readonly Dictionary<string, (TaskDelivery Delivery, DateTime ClaimedAt)> _pending = new(StringComparer.Ordinal);
    private readonly List<TaskResult> _results = [];
    private readonly SortedDictionary<long, GenerationUpdate> _generations = [];
    private readonly Dictionary<string, (NodeStatus Status, DateTime Seen)> _members = new(StringComparer.Ordinal);
    private readonly TimeSpan _claimTimeout;
    private readonly TimeSpan _heartbeatTtl;
    // One signal per log, so a reader waiting for a generation update is not woken by every result.
    private TaskCompletionSource _tasksChanged = NewSignal();
    private TaskCompletionSource _resultsChanged = NewSignal();
    private TaskCompletionSource _generationsChanged = NewSignal();
    private bool _disposed;
    private Checkpoint? _snapshot;
    private long _nextId;

    /// <summary>Creates an empty fabric.</summary>
    /// <param name="claimTimeout">A claimed, unacknowledged task becomes claimable again after this long.</param>
    /// <param name="heartbeatTtl">A node that sent no heartbeat for this long is no longer a member.</param>
    public InMemoryFabric(TimeSpan? claimTimeout = null, TimeSpan? heartbeatTtl = null)
    {
        _claimTimeout = claimTimeout ?? TimeSpan.FromSeconds(30);
        _heartbeatTtl = heartbeatTtl ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>Tasks waiting to be claimed (for tests and metrics).</summary>
    public int QueuedTasks
    {
        get { lock (_gate) return _queue.Count; }
    }

    /// <inheritdoc/>
    public ValueTask PublishTasksAsync(IReadOnlyList<EvaluationTask> tasks, CancellationToken cancellation = default)
    {
        lock (_gate)
        {
            foreach (EvaluationTask t in tasks) _queue.AddLast(new TaskDelivery((++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), t));
            Signal(ref _tasksChanged);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<TaskDelivery>> ClaimTasksAsync(string consumer, int max, TimeSpan wait, CancellationToken cancellation = default)
    {
        DateTime deadline = DateTime.UtcNow + wait;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                DateTime now = DateTime.UtcNow;
                foreach (var expired in _pending.Where(p => now - p.Value.ClaimedAt > _claimTimeout).ToList())
                {
                    _pending.Remove(expired.Key);
                    _queue.AddFirst(expired.Value.Delivery with { Reclaimed = true });
                }
                var claimed = new List<TaskDelivery>();
                while (claimed.Count < max && _queue.First is { } first)
                {
                    _queue.RemoveFirst();
                    _pending[first.Value.Id] = (first.Value, now);
                    claimed.Add(first.Value);
                }
                if (claimed.Count > 0 || now >= deadline || _disposed) return claimed;
                changed = _tasksChanged.Task;
            }
            await WaitAsync(changed, deadline, cancellation).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public ValueTask AcknowledgeAsync(TaskDelivery delivery, CancellationToken cancellation = default)
    {
        lock (_gate) _pending.Remove(delivery.Id);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask PublishResultAsync(TaskResult result, CancellationToken cancellation = default)
    {
        lock (_gate)
        {
            _results.Add(result);
            Signal(ref _resultsChanged);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask CompleteAsync(IReadOnlyList<CompletedTask> completed, CancellationToken cancellation = default)
    {
        if (completed.Count == 0) return ValueTask.CompletedTask;
        lock (_gate)
        {
            foreach (CompletedTask c in completed) _results.Add(c.Result);
            foreach (CompletedTask c in completed) _pending.Remove(c.Delivery.Id);
            Signal(ref _resultsChanged);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask<ResultBatch> ReadResultsAsync(string? position, int max, TimeSpan wait, CancellationToken cancellation = default)
    {
        int from = position is null ? 0 : int.Parse(position, System.Globalization.CultureInfo.InvariantCulture);
        DateTime deadline = DateTime.UtcNow + wait;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_results.Count > from || DateTime.UtcNow >= deadline || _disposed)
                {
                    int count = Math.Min(max, Math.Max(0, _results.Count - from));
                    var batch = _results.GetRange(from, count);
                    return new ResultBatch(batch, (from + count).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                changed = _resultsChanged.Task;
            }
            await WaitAsync(changed, deadline, cancellation).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public ValueTask PublishGenerationAsync(GenerationUpdate update, CancellationToken cancellation = default)
    {
        lock (_gate)
        {
            _generations[update.Generation] = update;
            Signal(ref _generationsChanged);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<GenerationUpdate>> ReadGenerationsAsync(long fromGeneration, int max, TimeSpan wait, CancellationToken cancellation = default)
    {
        DateTime deadline = DateTime.UtcNow + wait;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var updates = new List<GenerationUpdate>();
                for (long g = fromGeneration; updates.Count < max && _generations.TryGetValue(g, out GenerationUpdate? u); g++) updates.Add(u);
                if (updates.Count > 0 || DateTime.UtcNow >= deadline || _disposed) return updates;
                changed = _generationsChanged.Task;
            }
            await WaitAsync(changed, deadline, cancellation).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public ValueTask ForgetGenerationsAsync(long fromGeneration, CancellationToken cancellation = default)
    {
        lock (_gate)
        {
            foreach (long g in _generations.Keys.Where(g => g >= fromGeneration).ToList()) _generations.Remove(g);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask PublishSnapshotAsync(Checkpoint snapshot, CancellationToken cancellation = default)
    {
        lock (_gate) _snapshot = snapshot;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<Checkpoint?> ReadSnapshotAsync(CancellationToken cancellation = default)
    {
        lock (_gate) return ValueTask.FromResult(_snapshot);
    }

    /// <inheritdoc/>
    public ValueTask HeartbeatAsync(NodeStatus status, CancellationToken cancellation = default)
    {
        lock (_gate) _members[status.NodeId] = (status, DateTime.UtcNow);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<NodeStatus>> MembersAsync(CancellationToken cancellation = default)
    {
        lock (_gate)
        {
            DateTime now = DateTime.UtcNow;
            IReadOnlyList<NodeStatus> alive = _members.Values.Where(m => now - m.Seen <= _heartbeatTtl).Select(m => m.Status).ToArray();
            return ValueTask.FromResult(alive);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            // Waiting readers return at once (empty) instead of looping on a signal that stays set.
            _disposed = true;
            _tasksChanged.TrySetResult();
            _resultsChanged.TrySetResult();
            _generationsChanged.TrySetResult();
        }
        return ValueTask.CompletedTask;
    }

    private static void Signal(ref TaskCompletionSource signal)
    {
        TaskCompletionSource previous = signal;
        signal = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static async Task WaitAsync(Task changed, DateTime deadline, CancellationToken cancellation)
    {
        TimeSpan remaining = deadline - DateTime.UtcNow;
        if (remaining <= TimeSpan.Zero) return;
        // WaitAsync drops its timer as soon as the signal comes (Task.Delay in a WhenAny would keep one per wake-up alive until it expires).
        try
        {
            await changed.WaitAsync(remaining, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }
}
