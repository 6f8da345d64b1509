// ActorCell: watching other actors, being watched, and telling watchers when this actor dies.
using Es.Actors.Dispatch;

namespace Es.Actors.Cell;

internal sealed partial class ActorCell
{
    private readonly HashSet<IActorRef> _watching = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<IInternalActorRef> _watchedBy = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IActorRef, Terminated> _terminatedQueued = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Terminated> _terminatedCancelled = new(ReferenceEqualityComparer.Instance);
    private bool _deliveringWatchedTerminated;

    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is not IInternalActorRef target) throw new ArgumentException($"{subject} was not created by this runtime.", nameof(subject));
        if (!ReferenceEquals(subject, SelfRef) && _watching.Add(subject))
            target.SendSystemMessage(new Dispatch.Watch(target, SelfRef));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (_watching.Remove(subject) && subject is IInternalActorRef target)
            target.SendSystemMessage(new Dispatch.Unwatch(target, SelfRef));
        if (_terminatedQueued.Remove(subject, out var queued)) _terminatedCancelled.Add(queued);
        return subject;
    }

    private void AddWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (ReferenceEquals(watchee, SelfRef) && !ReferenceEquals(watcher, SelfRef)) _watchedBy.Add(watcher);
    }

    private void RemoveWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (ReferenceEquals(watchee, SelfRef)) _watchedBy.Remove(watcher);
    }

    /// <summary>
    /// A DeathWatchNotification arrived: queue a Terminated (an ordinary message, so it keeps its place after
    /// messages the dead actor sent earlier) if we watch it, and do the child bookkeeping if it was our child.
    /// </summary>
    private void WatchedActorTerminated(IActorRef actor, bool existenceConfirmed)
    {
        if (_watching.Remove(actor) && !_isTerminating)
        {
            var terminated = new Terminated(actor, existenceConfirmed);
            _terminatedQueued[actor] = terminated;
            SelfRef.Tell(terminated, actor);
        }
        if (IsChild(actor)) HandleChildTerminated(actor);
    }

    /// <summary>
    /// Delivers a Terminated: the runtime's own (recognised by reference) unless its watch was cancelled after it was
    /// queued; one that user code sent on is an ordinary message (Akka would drop it; we deliver it).
    /// </summary>
    private void ReceivedTerminated(Terminated terminated)
    {
        if (_terminatedCancelled.Remove(terminated)) return;
        if (!(_terminatedQueued.TryGetValue(terminated.ActorRef, out var queued) && ReferenceEquals(queued, terminated)))
        {
            ReceiveMessage(terminated);
            return;
        }
        _terminatedQueued.Remove(terminated.ActorRef);
        _deliveringWatchedTerminated = true; // leaving it unhandled is a death pact
        try
        {
            ReceiveMessage(terminated);
        }
        finally
        {
            _deliveringWatchedTerminated = false;
        }
    }

    private void TellWatchersWeDied()
    {
        foreach (var watcher in _watchedBy)
            if (!ReferenceEquals(watcher, _parent)) watcher.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true));
        _watchedBy.Clear();
        // The parent always hears, watching or not: it needs it to free the child's name and finish its own stop.
        _parent.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true));
    }

    private void UnwatchWatchedActors()
    {
        foreach (var watched in _watching)
            if (watched is IInternalActorRef target) target.SendSystemMessage(new Dispatch.Unwatch(target, SelfRef));
        _watching.Clear();
        _terminatedQueued.Clear();
        _terminatedCancelled.Clear();
    }
}
