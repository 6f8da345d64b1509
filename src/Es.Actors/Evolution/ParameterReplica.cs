// Each node's copy of the learner: applies the head's generation updates, catches up when it missed some, and can stand in for the head's memory.
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Es.Core.Checkpoints;
using Es.Core.Normalization;
using Es.Core.Training;

namespace Es.Actors.Evolution;

/// <summary>
/// Keeps this node's learner in step with the head's without θ ever being sent: it asks the head
/// for a snapshot once (<see cref="GetUpdates"/> from -1), then applies every
/// <see cref="GenerationPublished"/> of the run's topic in order. The topic is at most once, so an
/// update from a later generation than expected (or a task of one, <see cref="CatchUp"/>) makes it
/// ask the head for the missing ones; an update whose checksum disagrees makes it ask for a
/// snapshot. Besides θ it holds everything a head needs to continue the run (optimizer moments,
/// normalizer, strategy state, counters, the stop rule's streak, the best return and the run's
/// configuration), so a head that starts after its predecessor died continues from the most
/// advanced replica (<see cref="QueryReplicas"/>, <see cref="GetSnapshot"/>). After every advance
/// it tells its subscribers the new <see cref="ParametersSnapshot"/>.
/// </summary>
public sealed class ParameterReplica : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _head;
    private readonly Learner _learner;
    private readonly string _environmentId;
    private readonly List<IActorRef> _subscribers = [];
    private readonly List<IActorRef> _snapshotAskers = [];
    private readonly TimeSpan _retry;
    private ParametersSnapshot? _current;
    private string _configuration = string.Empty;
    private int _goalStreak;
    private double _bestReturn = double.NaN;
    private bool _runEnded;
    private bool _needsSnapshot = true;
    private bool _behind; // asked the head for missing updates, no answer yet

    /// <summary>Creates a replica around a learner built from the same settings as the head's.</summary>
    /// <param name="head">The head (a cluster singleton proxy, or the coordinator itself in one process).</param>
    /// <param name="learner">This node's learner (its state is replaced by the first snapshot).</param>
    /// <param name="environmentId">The task id, recorded in the snapshots it gives.</param>
    /// <param name="retry">How long it waits for an answer from the head before asking again.</param>
    public ParameterReplica(IActorRef head, Learner learner, string environmentId, TimeSpan? retry = null)
    {
        _head = head;
        _learner = learner;
        _environmentId = environmentId;
        _retry = retry ?? TimeSpan.FromSeconds(1);
        Receive<SubscribeParameters>(_ =>
        {
            _subscribers.Add(Sender);
            if (_current is not null) Sender.Tell(new ParametersAdvanced(_current));
        });
        Receive<GenerationPublished>(OnPublished);
        Receive<UpdatesReply>(OnUpdates);
        Receive<SnapshotReply>(OnSnapshot);
        Receive<CatchUp>(c =>
        {
            // Every early task of a generation says the same: one question until the answer comes
            // (asking per task made each node send the head dozens of requests per generation).
            if (_current is not null && c.Generation > _learner.Generation && !_behind) AskHead();
        });
        Receive<AskAgain>(_ =>
        {
            if (_needsSnapshot || _behind) AskHead();
        });
        Receive<QueryReplicas>(_ => Sender.Tell(new ReplicaState(_current is null ? -1 : _learner.Generation, _runEnded)));
        Receive<GetSnapshot>(_ =>
        {
            if (_current is null) _snapshotAskers.Add(Sender);
            else Sender.Tell(new SnapshotReply(Snapshot()));
        });
        Receive<RunEnded>(ended =>
        {
            if (_runEnded) return;
            _runEnded = true;
            // The node ends with the run, however the news came (the topic, or the head directly).
            if (RunTopic.IsCluster(Context.System)) Context.System.EventStream.Publish(new RunEndedSeen(ended.Reason));
        });
        Receive<SubscribeAck>(_ => { });
    }

    /// <summary>Props of a replica.</summary>
    /// <param name="head">The head (a cluster singleton proxy, or the coordinator itself).</param>
    /// <param name="learner">This node's learner.</param>
    /// <param name="environmentId">The task id, recorded in the snapshots it gives.</param>
    /// <param name="retry">How long it waits for the head's answer before asking again (null: 1 s).</param>
    public static Props Props(IActorRef head, Learner learner, string environmentId, TimeSpan? retry = null) =>
        Akka.Actor.Props.Create(() => new ParameterReplica(head, learner, environmentId, retry));

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Told by the node's task feed when a task of a generation after the replica's arrives: the replica missed an update.</summary>
    /// <param name="Generation">The task's generation.</param>
    public sealed record CatchUp(long Generation);

    /// <summary>Published on this node's event stream when the replica learns that the run ended.</summary>
    /// <param name="Reason">How it ended.</param>
    public sealed record RunEndedSeen(string Reason);

    /// <inheritdoc/>
    protected override void PreStart()
    {
        RunTopic.Subscribe(Context.System, Self);
        AskHead();
    }

    private void AskHead()
    {
        _head.Tell(new GetUpdates(_needsSnapshot ? -1 : _learner.Generation));
        _behind = !_needsSnapshot;
        Timers.StartSingleTimer("ask-again", AskAgain.Instance, _retry);
    }

    private void OnPublished(GenerationPublished published)
    {
        if (_needsSnapshot) return;
        long generation = published.Update.Generation;
        if (generation < _learner.Generation) return; // already applied
        if (generation > _learner.Generation)
        {
            AskHead(); // missed one: the topic is at most once
            return;
        }
        if (Apply(published)) Advance();
    }

    private void OnUpdates(UpdatesReply reply)
    {
        if (_needsSnapshot) return;
        bool advanced = false;
        foreach (GenerationPublished published in reply.Updates)
        {
            if (published.Update.Generation != _learner.Generation) continue;
            if (!Apply(published)) return;
            advanced = true;
        }
        _behind = false;
        if (advanced) Advance();
    }

    private bool Apply(GenerationPublished published)
    {
        if (!_learner.Apply(published.Update))
        {
            _log.Warning("parameter replica: θ disagrees with the checksum of generation {0}; asking the head for a snapshot", published.Update.Generation);
            _needsSnapshot = true;
            AskHead();
            return false;
        }
        _goalStreak = published.GoalStreak;
        _bestReturn = published.BestReturn;
        return true;
    }

    private void OnSnapshot(SnapshotReply reply)
    {
        Checkpoint snapshot = reply.Snapshot;
        // A newer state is always welcome; an older one only when this replica has none or diverged.
        if (!_needsSnapshot && snapshot.Generation < _learner.Generation) return;
        try
        {
            _learner.Restore(snapshot);
        }
        catch (ArgumentException e)
        {
            // This node's settings cannot hold the run's state (another seed, strategy or policy). Restarting
            // would only ask the head again without end: give the run's state to whoever asked (the node, which
            // then names the differing settings and leaves) and stop asking.
            _log.Error("parameter replica: this node cannot take the run's state: {0}", e.Message);
            Timers.Cancel("ask-again");
            foreach (IActorRef asker in _snapshotAskers) asker.Tell(reply);
            _snapshotAskers.Clear();
            return;
        }
        _configuration = snapshot.Configuration;
        _goalStreak = snapshot.GoalStreak;
        _bestReturn = snapshot.BestReturn;
        _needsSnapshot = false;
        _behind = false;
        Timers.Cancel("ask-again");
        Advance();
        foreach (IActorRef asker in _snapshotAskers) asker.Tell(new SnapshotReply(Snapshot()));
        _snapshotAskers.Clear();
    }

    private Checkpoint Snapshot() => _learner.ToCheckpoint(_environmentId, _bestReturn, _configuration, _goalStreak);

    private void Advance()
    {
        ObservationNormalizer live = _learner.Normalizer;
        ObservationNormalizer frozen = live.Enabled ? ObservationNormalizer.FromStats(live.Stats, live.Clip) : live;
        _current = new ParametersSnapshot(_learner.Generation, _learner.Strategy.Sampler(), frozen);
        foreach (IActorRef s in _subscribers) s.Tell(new ParametersAdvanced(_current));
    }

    private sealed record AskAgain
    {
        public static AskAgain Instance { get; } = new();
    }
}
