// Each node's copy of θ: applies the published generation updates and hands evaluators immutable snapshots.
using Akka.Actor;
using Akka.Event;
using Es.Actors.Fabric;
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
public sealed class ParameterReplica : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
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
        Receive<LoadSnapshot>(_ => _fabric.ReadSnapshotAsync().AsTask().PipeTo(Self, success: s => new SnapshotRead(s), failure: e => new ReadFailed(e)));
        Receive<SnapshotRead>(OnSnapshot);
        Receive<Poll>(_ => _fabric.ReadGenerationsAsync(_learner.Generation, 64, _poll).AsTask().PipeTo(Self, success: u => new UpdatesRead(u), failure: e => new ReadFailed(e)));
        Receive<UpdatesRead>(OnUpdates);
        Receive<CheckHead>(OnCheckHead);
        Receive<HeadSnapshotRead>(OnHeadSnapshot);
        Receive<ReadFailed>(f =>
        {
            _log.Warning("parameter replica: reading the fabric failed ({0}); retrying", f.Error.Message);
            Timers.StartSingleTimer("retry", _current is null ? LoadSnapshot.Instance : Poll.Instance, TimeSpan.FromMilliseconds(500));
        });
    }

    /// <summary>Props of a replica.</summary>
    /// <param name="fabric">Where updates and snapshots come from.</param>
    /// <param name="learner">This node's learner.</param>
    /// <param name="poll">How long one read of the update log waits (null: 500 ms).</param>
    public static Props Props(IFabric fabric, Learner learner, TimeSpan? poll = null) => Akka.Actor.Props.Create(() => new ParameterReplica(fabric, learner, poll));

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

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
                _log.Warning("parameter replica: θ disagrees with the checksum of generation {0}; reloading the snapshot", update.Generation);
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
        ILoggingAdapter log = _log;
        HeadSnapshotAsync(check.Generation, current).PipeTo(Self,
            success: snapshot => new HeadSnapshotRead(check.Generation, snapshot, asker),
            failure: e =>
            {
                log.Warning("parameter replica: checking the head's snapshot failed ({0})", e.Message);
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
            _log.Warning("parameter replica: the head started again at generation {0}; going back from generation {1} to its snapshot", read.Snapshot!.Generation, _learner.Generation);
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
