// Each node's copy of θ: applies the published generation updates and hands evaluators immutable snapshots.
using Es.Actors.Fabric;
using Es.Actors.Patterns;
using Es.Core.Checkpoints;
using Es.Core.Normalization;
using Es.Core.Training;

namespace Es.Actors.Evolution;

/// <summary>
/// Keeps this node's θ in step with the aggregator's without θ ever being sent: it loads the
/// latest snapshot once, then applies every <see cref="GenerationUpdate"/> from the fabric, in
/// order. An update whose checksum disagrees with the result (or a gap) makes it load the
/// snapshot again. After every advance it tells its subscribers the new
/// <see cref="ParametersSnapshot"/>.
/// </summary>
public sealed class ParameterReplica : ReceiveActor
{
    private readonly IFabric _fabric;
    private readonly Learner _learner;
    private readonly List<IActorRef> _subscribers = [];
    private readonly TimeSpan _poll;
    private ParametersSnapshot? _current;

    /// <summary>Creates a replica around a learner built from the same settings as the aggregator's.</summary>
    /// <param name="fabric">Where updates and snapshots come from.</param>
    /// <param name="learner">This node's learner (its state is replaced by the first snapshot).</param>
    /// <param name="poll">How long one read of the update log waits.</param>
    public ParameterReplica(IFabric fabric, Learner learner, TimeSpan? poll = null)
    {
        _fabric = fabric;
        _learner = learner;
        _poll = poll ?? TimeSpan.FromMilliseconds(500);
        Receive<SubscribeParameters>(_ =>
        {
            _subscribers.Add(Sender);
            if (_current is not null) Sender.Tell(new ParametersAdvanced(_current));
        });
        Receive<LoadSnapshot>(_ => _fabric.ReadSnapshotAsync().AsTask().PipeTo(Self, s => new SnapshotRead(s), e => new ReadFailed(e)));
        Receive<SnapshotRead>(OnSnapshot);
        Receive<Poll>(_ => _fabric.ReadGenerationsAsync(_learner.Generation, 64, _poll).AsTask().PipeTo(Self, u => new UpdatesRead(u), e => new ReadFailed(e)));
        Receive<UpdatesRead>(OnUpdates);
        Receive<CheckHead>(OnCheckHead);
        Receive<HeadSnapshotRead>(OnHeadSnapshot);
        Receive<ReadFailed>(f =>
        {
            Context.Log.Warning($"parameter replica: reading the fabric failed ({f.Error.Message}); retrying");
            Timers.StartSingleTimer("retry", _current is null ? LoadSnapshot.Instance : Poll.Instance, TimeSpan.FromMilliseconds(500));
        });
    }

    /// <summary>Props of a replica.</summary>
    public static Props Props(IFabric fabric, Learner learner, TimeSpan? poll = null) => Es.Actors.Props.Create(() => new ParameterReplica(fabric, learner, poll));

    /// <inheritdoc/>
    protected override void PreStart() => Self.Tell(LoadSnapshot.Instance);

    private void OnSnapshot(SnapshotRead read)
    {
        if (read.Snapshot is not Checkpoint snapshot)
        {
            // The head has not published one yet (a worker that started first waits for it).
            Timers.StartSingleTimer("snapshot", LoadSnapshot.Instance, TimeSpan.FromMilliseconds(20));
            return;
        }
        _learner.Restore(snapshot);
        Advance();
        Self.Tell(Poll.Instance);
    }

    private void OnUpdates(UpdatesRead read)
    {
        foreach (GenerationUpdate update in read.Updates)
        {
            if (update.Generation != _learner.Generation) continue;
            if (!_learner.Apply(update))
            {
                Context.Log.Warning($"parameter replica: θ disagrees with the checksum of generation {update.Generation}; reloading the snapshot");
                Self.Tell(LoadSnapshot.Instance);
                return;
            }
        }
        if (read.Updates.Count > 0) Advance();
        Self.Tell(Poll.Instance);
    }

    // A task older than this replica: a duplicate of a generation the head has finished (its
    // update is in the log), or the task of a head that started again from an older checkpoint
    // (it forgot the later updates as it started): then go back to its snapshot, at or before the
    // task's generation, and replay the log from there like any replica.
    private void OnCheckHead(CheckHead check)
    {
        IActorRef asker = Sender;
        long current = _learner.Generation;
        if (_current is null || check.Generation >= current)
        {
            asker.Tell(new HeadChecked(check.Generation, false));
            return;
        }
        HeadSnapshotAsync(check.Generation, current).PipeTo(Self,
            snapshot => new HeadSnapshotRead(check.Generation, snapshot, asker),
            e =>
            {
                Context.Log.Warning($"parameter replica: checking the head's snapshot failed ({e.Message})");
                return new HeadSnapshotRead(check.Generation, null, asker);
            });
    }

    /// <summary>The head's snapshot when the head is behind this replica (see <see cref="OnCheckHead"/>), else null.</summary>
    private async Task<Checkpoint?> HeadSnapshotAsync(long taskGeneration, long current)
    {
        IReadOnlyList<GenerationUpdate> logged = await _fabric.ReadGenerationsAsync(taskGeneration, 1, TimeSpan.Zero).ConfigureAwait(false);
        if (logged.Count > 0) return null; // the head is past that generation: a duplicate
        Checkpoint? snapshot = await _fabric.ReadSnapshotAsync().ConfigureAwait(false);
        return snapshot is not null && snapshot.Generation <= taskGeneration && snapshot.Generation < current ? snapshot : null;
    }

    private void OnHeadSnapshot(HeadSnapshotRead read)
    {
        bool rollBack = read.Snapshot is { } snapshot && snapshot.Generation < _learner.Generation;
        if (rollBack)
        {
            Context.Log.Warning($"parameter replica: the head started again at generation {read.Snapshot!.Generation}; going back from generation {_learner.Generation} to its snapshot");
            _learner.Restore(read.Snapshot!);
            Advance();
        }
        read.Asker.Tell(new HeadChecked(read.Generation, rollBack));
    }

    private void Advance()
    {
        ObservationNormalizer live = _learner.Normalizer;
        ObservationNormalizer frozen = live.Enabled ? ObservationNormalizer.FromStats(live.Stats, live.Clip) : live;
        _current = new ParametersSnapshot(_learner.Generation, _learner.Strategy.Sampler(), frozen);
        foreach (IActorRef s in _subscribers) s.Tell(new ParametersAdvanced(_current));
    }

    private sealed record LoadSnapshot
    {
        public static LoadSnapshot Instance { get; } = new();
    }

    private sealed record Poll
    {
        public static Poll Instance { get; } = new();
    }

    private sealed record SnapshotRead(Checkpoint? Snapshot);

    private sealed record UpdatesRead(IReadOnlyList<GenerationUpdate> Updates);

    private sealed record HeadSnapshotRead(long Generation, Checkpoint? Snapshot, IActorRef Asker);

    private sealed record ReadFailed(Exception Error);
}
