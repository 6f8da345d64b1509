// The recipe for creating an actor: its factory plus deployment options (supervision, routing).
using Es.Actors.Dispatch;
using Es.Actors.Routing;
using Es.Actors.Supervision;

namespace Es.Actors;

/// <summary>
/// Immutable description of how to create an actor. The runtime calls the factory again on every restart,
/// which is why actors are described by a recipe instead of being passed as instances.
/// </summary>
public sealed class Props
{
    private Props(Func<ActorBase> factory, Type actorType, SupervisorStrategy? supervisorStrategy, RouterConfig? routerConfig,
        string dispatcher = Dispatchers.DefaultDispatcherId)
    {
        Factory = factory;
        ActorType = actorType;
        SupervisorStrategy = supervisorStrategy;
        RouterConfig = routerConfig;
        Dispatcher = dispatcher;
    }

    /// <summary>Creates a fresh actor instance; invoked on start and on every restart.</summary>
    public Func<ActorBase> Factory { get; }

    /// <summary>The declared actor type, for diagnostics.</summary>
    public Type ActorType { get; }

    /// <summary>How the created actor supervises its own children, unless the actor overrides <c>SupervisorStrategy()</c>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Where the actor's turns run: <see cref="Dispatchers.DefaultDispatcherId"/> or <see cref="Dispatchers.PinnedDispatcherId"/>.</summary>
    public string Dispatcher { get; }

    /// <summary>When set, ActorOf creates a router whose routees are built from these props without the router.</summary>
    public RouterConfig? RouterConfig { get; }

    /// <summary>Props for an actor built by <paramref name="factory"/>, e.g. <c>Props.Create(() => new Worker(cfg))</c>.</summary>
    public static Props Create<T>(Func<T> factory) where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, typeof(T), null, null);
    }

    /// <summary>Props for an actor with a parameterless constructor.</summary>
    public static Props Create<T>() where T : ActorBase, new() => new(static () => new T(), typeof(T), null, null);

    /// <summary>A copy whose actor supervises its children with <paramref name="strategy"/>.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(Factory, ActorType, strategy, RouterConfig, Dispatcher);
    }

    /// <summary>
    /// A copy whose actor runs on <paramref name="dispatcher"/>, e.g. <c>.WithDispatcher(Dispatchers.PinnedDispatcherId)</c>.
    /// With a router, the routees run on it; the router itself stays on the default dispatcher.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="dispatcher"/> is not one of <see cref="Dispatchers"/>' ids.</exception>
    public Props WithDispatcher(string dispatcher)
    {
        if (dispatcher is not (Dispatchers.DefaultDispatcherId or Dispatchers.PinnedDispatcherId))
            throw new ArgumentException($"unknown dispatcher '{dispatcher}'; known: {Dispatchers.DefaultDispatcherId}, {Dispatchers.PinnedDispatcherId}.", nameof(dispatcher));
        return new Props(Factory, ActorType, SupervisorStrategy, RouterConfig, dispatcher);
    }

    /// <summary>A copy that deploys a router of routees made from these props, e.g. <c>.WithRouter(new RoundRobinPool(4))</c>.</summary>
    public Props WithRouter(RouterConfig router) => new(Factory, ActorType, SupervisorStrategy, router, Dispatcher);

    /// <summary>A copy without routing, the props each routee is created from.</summary>
    internal Props WithoutRouter() => new(Factory, ActorType, SupervisorStrategy, null, Dispatcher);

    /// <inheritdoc/>
    public override string ToString() => $"Props({ActorType.Name}{(RouterConfig is null ? "" : $", {RouterConfig}")})";
}
