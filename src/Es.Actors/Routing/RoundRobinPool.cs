// A pool that hands messages to its routees in turn.
using Es.Actors.Supervision;

namespace Es.Actors.Routing;

/// <summary>Routes each message to the next routee in creation order, wrapping around.</summary>
/// <param name="nrOfInstances">How many routees to create.</param>
/// <param name="supervisorStrategy">How the router supervises its routees; null for the default restart strategy.</param>
public sealed class RoundRobinPool(int nrOfInstances, SupervisorStrategy? supervisorStrategy = null) : Pool(nrOfInstances, supervisorStrategy)
{
    /// <inheritdoc/>
    public override RoutingLogic CreateRoutingLogic() => new RoundRobinRoutingLogic();
}
