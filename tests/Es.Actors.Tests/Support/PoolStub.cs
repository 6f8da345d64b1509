// Stands in for a rollout pool in tests: answers GetRoutees itself and forwards everything else to a probe.
using Akka.Routing;

namespace Es.Actors.Tests.Support;

/// <summary>A pool of <c>size</c> pretend evaluators: it answers <see cref="GetRoutees"/> like Akka's pool router; anything else reaches <c>probe</c>, sender preserved.</summary>
public sealed class PoolStub : ReceiveActor
{
    public PoolStub(IActorRef probe, int size)
    {
        Receive<GetRoutees>(_ => Sender.Tell(new Routees(Enumerable.Range(0, size).Select(_ => (Routee)new ActorRefRoutee(Self)).ToArray())));
        ReceiveAny(m => probe.Forward(m));
    }
}
