// Picks routees in turn.
namespace Es.Actors.Routing;

/// <summary>Cycles through the routees: the first message goes to the first routee.</summary>
public sealed class RoundRobinRoutingLogic : RoutingLogic
{
    private long _next = -1;

    /// <inheritdoc/>
    public override IActorRef Select(object message, IReadOnlyList<IActorRef> routees)
    {
        var n = Interlocked.Increment(ref _next);
        return routees[(int)(n % routees.Count)];
    }
}
