// A parent for actors that talk to Context.Parent: what the child sends up goes to a probe, the rest goes down to the child.
namespace Es.Actors.Tests.Support;

/// <summary>Creates <c>childProps</c> as "child"; messages from the child reach <c>probe</c>, all others are forwarded to the child.</summary>
public sealed class ParentProbe : ReceiveActor
{
    public ParentProbe(Props childProps, IActorRef probe)
    {
        IActorRef child = Context.ActorOf(childProps, "child");
        ReceiveAny(m => (Sender.Equals(child) ? probe : child).Forward(m));
    }
}
