// The names of the dispatchers an actor can run on, as Akka spells them in Props.WithDispatcher.
namespace Es.Actors.Dispatch;

/// <summary>Dispatcher ids for <see cref="Props.WithDispatcher"/>.</summary>
public static class Dispatchers
{
    /// <summary>The shared .NET thread pool: right for actors whose turns are short (the default).</summary>
    public const string DefaultDispatcherId = "default-dispatcher";

    /// <summary>
    /// One dedicated thread per actor (Akka's PinnedDispatcher): for actors that run long
    /// synchronous work, such as rollouts, which on the shared pool would hold its threads and
    /// delay every other actor's turn, and would move between threads (and cores) from turn to turn.
    /// </summary>
    public const string PinnedDispatcherId = "pinned-dispatcher";
}
