// The temporary reply address of one Ask: completes a Task instead of running an actor.
using Es.Actors.Cell;
using Es.Actors.Dispatch;

namespace Es.Actors.Patterns;

/// <summary>
/// A lightweight ref (no mailbox, no actor) that completes its task with the first message it receives, or with
/// <see cref="AskTimeoutException"/> when the timer fires first. Later messages become dead letters.
/// </summary>
internal sealed class PromiseActorRef : IInternalActorRef, IDisposable
{
    private readonly TaskCompletionSource<object> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorSystem _system;
    private readonly Timer _timer;

    public PromiseActorRef(ActorSystem system, ActorPath path, IActorRef target, object message, TimeSpan timeout)
    {
        _system = system;
        Path = path;
        _timer = new Timer(static s =>
        {
            var (self, target, messageType, timeout) = ((PromiseActorRef, IActorRef, Type, TimeSpan))s!;
            self.Complete(() => self._promise.TrySetException(new AskTimeoutException(
                $"Ask timed out on [{target.Path}] after [{timeout.TotalMilliseconds:0.###} ms]. " +
                $"Message of type [{messageType.FullName}] was sent by [{self.Path}].")));
        }, (this, target, message.GetType(), timeout), timeout, Timeout.InfiniteTimeSpan);
    }

    public ActorPath Path { get; }

    public Task<object> Task => _promise.Task;

    public bool IsTerminated => _promise.Task.IsCompleted;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var accepted = Complete(() => message is Status.Failure failure
            ? _promise.TrySetException(failure.Cause)
            : _promise.TrySetResult(message));
        if (!accepted) _system.PublishDeadLetter(new Event.DeadLetter(message, sender ?? _system.DeadLetters, this));
    }

    public void SendSystemMessage(SystemMessage message)
    {
        // Nobody watches a promise in practice; a watcher of a completed one is told at once, like for a dead actor.
        if (message is Dispatch.Watch w && IsTerminated)
            w.Watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: false));
    }

    public override string ToString() => $"[{Path}]";

    /// <summary>Releases the timeout timer; done automatically on completion.</summary>
    public void Dispose() => _timer.Dispose();

    private bool Complete(Func<bool> complete)
    {
        if (!complete()) return false;
        _timer.Dispose();
        return true;
    }
}
