// The runtime's own control messages, queued apart from user messages and always processed first.
using Es.Actors.Cell;

namespace Es.Actors.Dispatch;

/// <summary>
/// A message between the runtime's cells about lifecycle, supervision and death watch. System messages live in
/// their own queue and are drained before (and between) user messages, even while the actor is suspended.
/// </summary>
internal abstract record SystemMessage;

/// <summary>Build the actor instance and run PreStart.</summary>
internal sealed record Create : SystemMessage
{
    public static readonly Create Instance = new();
}

/// <summary>Restart the actor after <paramref name="Cause"/> (sent by its supervisor).</summary>
internal sealed record Recreate(Exception Cause) : SystemMessage;

/// <summary>Stop processing user messages (a sibling or the parent failed).</summary>
internal sealed record Suspend : SystemMessage
{
    public static readonly Suspend Instance = new();
}

/// <summary>Continue after a suspension; <paramref name="CausedByFailure"/> is set for the actor that failed.</summary>
internal sealed record Resume(Exception? CausedByFailure) : SystemMessage;

/// <summary>Stop the actor: children first, then PostStop, then tell the watchers.</summary>
internal sealed record Terminate : SystemMessage
{
    public static readonly Terminate Instance = new();
}

/// <summary><paramref name="Watcher"/> wants a Terminated when <paramref name="Watchee"/> stops.</summary>
internal sealed record Watch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;

/// <summary>Cancels a previous <see cref="Watch"/>.</summary>
internal sealed record Unwatch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;

/// <summary>Tells a watcher (and always the parent) that <paramref name="Actor"/> has stopped.</summary>
internal sealed record DeathWatchNotification(IActorRef Actor, bool ExistenceConfirmed) : SystemMessage;

/// <summary>A child reports a failure to its supervisor, which answers with a directive (as a system message back).</summary>
internal sealed record Failed(IActorRef Child, Exception Cause) : SystemMessage;

/// <summary>A continuation of an async handler, run on the actor so the handler sees its context.</summary>
internal sealed record AsyncContinuation(SendOrPostCallback Callback, object? State) : SystemMessage;

/// <summary>The task of an async handler finished: resume user messages (or fail if it faulted).</summary>
internal sealed record AsyncCompleted(Task Task) : SystemMessage;
