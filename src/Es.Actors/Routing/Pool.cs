// Routers that create and supervise their own routees as children.
using Es.Actors.Supervision;

namespace Es.Actors.Routing;

/// <summary>
/// A router that creates <see cref="NrOfInstances"/> routees as its children, supervises them (by default with
/// the default one-for-one restart strategy, so a failed routee is restarted and keeps receiving messages),
/// forgets routees that stop, and stops itself when none are left.
/// </summary>
public abstract class Pool : RouterConfig
{
    /// <summary>Creates the pool configuration.</summary>
    /// <param name="nrOfInstances">How many routees to create; at least one.</param>
    /// <param name="supervisorStrategy">How the router supervises its routees; null for the default restart strategy.</param>
    protected Pool(int nrOfInstances, SupervisorStrategy? supervisorStrategy)
    {
        if (nrOfInstances < 1) throw new ArgumentOutOfRangeException(nameof(nrOfInstances), nrOfInstances, "A pool needs at least one routee.");
        NrOfInstances = nrOfInstances;
        SupervisorStrategy = supervisorStrategy;
    }

    /// <summary>Number of routees created when the router starts.</summary>
    public int NrOfInstances { get; }

    /// <summary>The strategy applied to failing routees; null means <see cref="Supervision.SupervisorStrategy.DefaultStrategy"/>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    internal override Props CreateRouterProps(Props routeeProps) =>
        Props.Create(() => new RouterActor(this, routeeProps))
            .WithSupervisorStrategy(SupervisorStrategy ?? Supervision.SupervisorStrategy.DefaultStrategy);

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}({NrOfInstances})";
}
