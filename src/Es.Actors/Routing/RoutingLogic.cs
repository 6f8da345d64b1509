// The per-message choice of routee.
namespace Es.Actors.Routing;

/// <summary>Picks the routee for one message. Called only by its router actor, one message at a time.</summary>
public abstract class RoutingLogic
{
    /// <summary>Chooses among <paramref name="routees"/> (never empty) for <paramref name="message"/>.</summary>
    public abstract IActorRef Select(object message, IReadOnlyList<IActorRef> routees);
}
