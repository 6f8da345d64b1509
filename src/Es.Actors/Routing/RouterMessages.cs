// Management messages understood by every router.
namespace Es.Actors.Routing;

/// <summary>Ask a router for its current routees; it replies with <see cref="Routees"/>.</summary>
public sealed class GetRoutees
{
    private GetRoutees() { }

    /// <summary>The only instance.</summary>
    public static GetRoutees Instance { get; } = new();
}

/// <summary>A router's reply to <see cref="GetRoutees"/>: the live routees in routing order.</summary>
/// <param name="Members">The routees.</param>
public sealed record Routees(IReadOnlyList<IActorRef> Members);

/// <summary>Sent to a router, delivers <paramref name="Message"/> to every routee (keeping the original sender).</summary>
/// <param name="Message">The message for all routees.</param>
public sealed record Broadcast(object Message);
