// Stands in for a rollout pool in tests: answers GetRoutees itself and forwards everything else to a probe.
using Es.Actors.Routing;

namespace Es.Actors.Tests.Support;

/// <summary>A pool of <c>size</c> pretend evaluators whose requests all reach <c>probe</c>, sender preserved.</summary>
public sealed class PoolStub : ReceiveActor
{
    public PoolStub(IActorRef probe, int size)
    {
        Receive<GetRoutees>(_ => Sender.Tell(new Routees(Enumerable.Repeat(Self, size).ToArray())));
        ReceiveAny(_ => Context.Forward(probe));
    }
}
