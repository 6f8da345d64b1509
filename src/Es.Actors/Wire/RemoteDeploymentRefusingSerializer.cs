// Takes the place of Akka.Remote's serializer of remote deployments, so no peer can have this node create an actor of a type it names.
using Akka.Actor;

namespace Es.Actors.Wire;

/// <summary>
/// Registered by <see cref="EsWireSerializer.Hocon"/> under Akka.Remote's name <c>daemon-create</c>
/// with its identifier (3). Remote deployment lets a peer have this node create an actor of any type
/// the node has, with constructor arguments of the peer's choosing; EsAkka never deploys remotely
/// (each node starts its own actors), so every such request is refused
/// (<see cref="RefusingSerializer"/>). Akka's <c>untrusted-mode</c> would refuse it too, but also
/// the remote death watch and actor selections that the cluster's singleton and pub/sub rely on.
/// </summary>
public sealed class RemoteDeploymentRefusingSerializer : RefusingSerializer
{
    /// <summary>Akka.Remote's identifier of its <c>DaemonMsgCreate</c> serializer.</summary>
    public const int DaemonMsgCreateSerializerId = 3;

    /// <summary>Created by Akka.</summary>
    public RemoteDeploymentRefusingSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc/>
    public override int Identifier => DaemonMsgCreateSerializerId;

    /// <inheritdoc/>
    protected override string What => "a remote deployment";
}
