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

    private sealed record ReadFailed(Exception Error);
}
