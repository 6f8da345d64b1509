// ActorCell: watching other actors, being watched, and telling watchers when this actor dies.
using Es.Actors.Dispatch;

namespace Es.Actors.Cell;

internal sealed partial class ActorCell
{
    private readonly HashSet<IActorRef> _watching = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<IInternalActorRef> _watchedBy = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<IActorRef> _terminatedQueued = new(ReferenceEqualityComparer.Instance);

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
        _terminatedQueued.Remove(subject);
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
            _terminatedQueued.Add(actor);
            SelfRef.Tell(new Terminated(actor, existenceConfirmed), actor);
        }
        if (IsChild(actor)) HandleChildTerminated(actor);
    }

    /// <summary>Delivers a queued Terminated unless the watch was cancelled after it was queued.</summary>
    private void ReceivedTerminated(Terminated terminated)
    {
        if (_terminatedQueued.Remove(terminated.ActorRef)) ReceiveMessage(terminated);
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
    }
}
