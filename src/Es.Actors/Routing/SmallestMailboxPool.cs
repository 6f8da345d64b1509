// A pool that sends each message to the least loaded routee.
using Es.Actors.Supervision;

namespace Es.Actors.Routing;

/// <summary>Routes each message to an idle routee if there is one, else to the one with the fewest queued messages.</summary>
/// <param name="nrOfInstances">How many routees to create.</param>
/// <param name="supervisorStrategy">How the router supervises its routees; null for the default restart strategy.</param>
public sealed class SmallestMailboxPool(int nrOfInstances, SupervisorStrategy? supervisorStrategy = null) : Pool(nrOfInstances, supervisorStrategy)
{
    /// <inheritdoc/>
    public override RoutingLogic CreateRoutingLogic() => new SmallestMailboxRoutingLogic();
}
