// Base of router deployments, passed to Props.WithRouter.
namespace Es.Actors.Routing;

/// <summary>Describes a router: ActorOf on props carrying one creates a router actor instead of a single actor.</summary>
public abstract class RouterConfig
{
    /// <summary>Creates the logic that picks a routee per message; one instance per router.</summary>
    public abstract RoutingLogic CreateRoutingLogic();

    /// <summary>The props of the router actor itself, given the props of one routee.</summary>
    internal abstract Props CreateRouterProps(Props routeeProps);
}
