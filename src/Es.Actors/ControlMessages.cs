// Messages the runtime interprets itself when they reach the head of a user mailbox (PoisonPill, Kill, ReceiveTimeout).
namespace Es.Actors;

/// <summary>
/// Stops the receiving actor when it reaches the head of the mailbox, so the messages queued before it are still
/// processed; contrast <see cref="IActorContext.Stop"/>, which is a system message and overtakes queued messages.
/// </summary>
public sealed class PoisonPill
{
    private PoisonPill() { }

    /// <summary>The only instance.</summary>
    public static PoisonPill Instance { get; } = new();

    /// <inheritdoc/>
    public override string ToString() => "<PoisonPill>";
}

/// <summary>Makes the receiving actor throw <see cref="ActorKilledException"/>, which the default strategy answers with Stop.</summary>
public sealed class Kill
{
    private Kill() { }

    /// <summary>The only instance.</summary>
    public static Kill Instance { get; } = new();

    /// <inheritdoc/>
    public override string ToString() => "<Kill>";
}

/// <summary>Sent to an actor that set a receive timeout and received nothing for that long.</summary>
public sealed class ReceiveTimeout
{
    private ReceiveTimeout() { }

    /// <summary>The only instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();

    /// <inheritdoc/>
    public override string ToString() => "<ReceiveTimeout>";
}
