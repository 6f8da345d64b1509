// Request/response from outside an actor: Tell with a temporary reply ref and await the reply.
using Es.Actors.Cell;

namespace Es.Actors.Patterns;

/// <summary>
/// The Ask pattern. Every Ask needs an explicit, finite timeout: an unanswered question must fail, not hang.
/// Inside actors prefer Tell and a reply message; awaiting an Ask in an actor blocks its mailbox meanwhile.
/// </summary>
public static class AskExtensions
{
    /// <summary>Sends <paramref name="message"/> and completes with the first reply.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive and finite.</exception>
    /// <returns>
    /// A task with the reply; faulted with the cause of a <see cref="Status.Failure"/> reply, or with
    /// <see cref="AskTimeoutException"/> after the timeout (naming the target and the message type).
    /// </returns>
    public static Task<object> Ask(this IActorRef recipient, object message, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan || timeout.TotalMilliseconds > int.MaxValue - 1)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Ask needs a positive, finite timeout.");

        var system = SystemOf(recipient);
        if (system is null || recipient is IInternalActorRef { IsTerminated: true })
        {
            recipient.Tell(message, system?.DeadLetters);
            return Task.FromException<object>(new AskTimeoutException(
                $"Recipient [{recipient.Path}] had already been terminated. Message of type [{message.GetType().FullName}] was not answered."));
        }
        var promise = new PromiseActorRef(system, system.NewTempPath(), recipient, message, timeout);
        recipient.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>Like <see cref="Ask(IActorRef, object, TimeSpan)"/>, expecting a reply of type <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidCastException">The reply (awaited) is of another type.</exception>
    public static Task<T> Ask<T>(this IActorRef recipient, object message, TimeSpan timeout) =>
        Cast<T>(Ask(recipient, message, timeout), recipient); // argument errors surface synchronously

    private static async Task<T> Cast<T>(Task<object> ask, IActorRef recipient)
    {
        var reply = await ask.ConfigureAwait(false);
        return reply is T typed
            ? typed
            : throw new InvalidCastException(
                $"Ask<{typeof(T).Name}> to [{recipient.Path}] got a reply of type [{reply.GetType().FullName}]: {reply}");
    }

    private static ActorSystem? SystemOf(IActorRef recipient) => recipient switch
    {
        LocalActorRef local => local.Cell.System,
        _ => ActorCell.Current?.System,
    };
}
