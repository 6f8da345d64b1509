// Publish/subscribe by message type, system-wide: logging, dead letters and unhandled messages flow through it.
using Es.Actors.Cell;

namespace Es.Actors.Event;

/// <summary>
/// A system-wide bus: subscribers register for a type (a channel) and get every published event assignable to it.
/// Actor subscribers receive events as messages; callback subscribers are invoked synchronously on the publishing
/// thread (that is what loggers use, so a log line is never lost in a mailbox at shutdown).
/// </summary>
public sealed class EventStream
{
    private readonly object _lock = new();
    private Subscription[] _subscriptions = [];
    private readonly Func<IActorRef> _noSender;

    internal EventStream(Func<IActorRef> noSender) => _noSender = noSender;

    /// <summary>Delivers every event assignable to <paramref name="channel"/> to <paramref name="subscriber"/>; false if already subscribed.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_lock)
        {
            if (_subscriptions.Any(s => ReferenceEquals(s.Actor, subscriber) && s.Channel == channel)) return false;
            _subscriptions = [.. _subscriptions, new Subscription(channel, subscriber, null)];
            return true;
        }
    }

    /// <summary>Invokes <paramref name="handler"/> for every event of type <typeparamref name="T"/>; dispose the result to unsubscribe.</summary>
    /// <remarks>The handler runs on the publisher's thread and must be quick and thread-safe; its exceptions are swallowed.</remarks>
    public IDisposable Subscribe<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(typeof(T), null, e => handler((T)e));
        lock (_lock) _subscriptions = [.. _subscriptions, subscription];
        return new Unsubscriber(this, subscription);
    }

    /// <summary>Removes one subscription of an actor; false if there was none.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        lock (_lock)
        {
            var before = _subscriptions.Length;
            _subscriptions = _subscriptions.Where(s => !(ReferenceEquals(s.Actor, subscriber) && s.Channel == channel)).ToArray();
            return _subscriptions.Length != before;
        }
    }

    /// <summary>Removes all subscriptions of an actor; false if there were none.</summary>
    public bool Unsubscribe(IActorRef subscriber)
    {
        lock (_lock)
        {
            var before = _subscriptions.Length;
            _subscriptions = _subscriptions.Where(s => !ReferenceEquals(s.Actor, subscriber)).ToArray();
            return _subscriptions.Length != before;
        }
    }

    /// <summary>Delivers <paramref name="event"/> to every matching subscriber; stopped actor subscribers are dropped.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var s in Volatile.Read(ref _subscriptions))
        {
            if (!s.Channel.IsInstanceOfType(@event)) continue;
            if (s.Actor is not null)
            {
                if (s.Actor is IInternalActorRef { IsTerminated: true })
                {
                    Unsubscribe(s.Actor);
                    continue;
                }
                s.Actor.Tell(@event, _noSender());
            }
            else
            {
                try { s.Callback?.Invoke(@event); }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A broken listener must not break the publisher (often an actor reporting its own failure).
                }
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock) _subscriptions = _subscriptions.Where(s => !ReferenceEquals(s, subscription)).ToArray();
    }

    private sealed record Subscription(Type Channel, IActorRef? Actor, Action<object>? Callback);

    private sealed class Unsubscriber(EventStream stream, Subscription subscription) : IDisposable
    {
        public void Dispose() => stream.Remove(subscription);
    }
}
