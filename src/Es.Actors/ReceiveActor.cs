// Actors declared as typed handlers (Receive<T>, ReceiveAsync<T>, ReceiveAny), registered in the constructor.
namespace Es.Actors;

/// <summary>
/// An actor whose behavior is a list of typed handlers registered in its constructor (or in <see cref="Become"/>).
/// The first handler whose type and predicate match gets the message. Async handlers suspend the mailbox until
/// their task completes, so one-message-at-a-time holds across awaits too.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly List<Func<object, bool>> _handlers = [];
    private List<Func<object, bool>>? _configuring;

    /// <summary>Starts the handler list that the derived constructor fills.</summary>
    protected ReceiveActor() => _configuring = _handlers;

    /// <summary>Handles every message of type <typeparamref name="T"/>.</summary>
    protected void Receive<T>(Action<T> handler) => Receive(null, handler);

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> holds.</summary>
    protected void Receive<T>(Predicate<T>? shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(m =>
        {
            if (m is not T t || (shouldHandle is not null && !shouldHandle(t))) return false;
            handler(t);
            return true;
        });
    }

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> asynchronously. No other user message is processed until
    /// the task completes; continuations run on the actor (Context and Sender stay valid). A faulted task fails the actor.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(m =>
        {
            if (m is not T t || (shouldHandle is not null && !shouldHandle(t))) return false;
            Cell.RunTask(() => handler(t));
            return true;
        });
    }

    /// <summary>Handles any message not matched by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(m =>
        {
            handler(m);
            return true;
        });
    }

    /// <summary>Asynchronously handles any message not matched earlier (see <see cref="ReceiveAsync{T}"/>).</summary>
    protected void ReceiveAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(m =>
        {
            Cell.RunTask(() => handler(m));
            return true;
        });
    }

    /// <summary>Replaces the behavior with the handlers that <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure));

    /// <summary>Stacks the handlers that <paramref name="configure"/> registers on top of the current behavior (undo with Unbecome).</summary>
    protected void BecomeStacked(Action configure) => Context.Become(Build(configure), discardOld: false);

    /// <inheritdoc/>
    protected sealed override bool Receive(object message)
    {
        _configuring = null; // handlers are fixed once messages flow
        return Dispatch(_handlers, message);
    }

    private Func<object, bool> Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var previous = _configuring;
        var list = new List<Func<object, bool>>();
        _configuring = list;
        try { configure(); }
        finally { _configuring = previous; }
        return m => Dispatch(list, m);
    }

    private void Add(Func<object, bool> handler)
    {
        if (_configuring is null)
            throw new InvalidOperationException("Receive handlers can only be registered in the constructor or inside Become(...).");
        _configuring.Add(handler);
    }

    private static bool Dispatch(List<Func<object, bool>> handlers, object message)
    {
        foreach (var handler in handlers)
            if (handler(message)) return true;
        return false;
    }
}
