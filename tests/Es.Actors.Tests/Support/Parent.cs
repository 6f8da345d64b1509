// Test actor that creates one child from given props and relays commands to it.
using Es.Actors.Supervision;

namespace Es.Actors.Tests.Support;

/// <summary>
/// Creates a child named "child" from <c>childProps</c>, watches it when asked, and forwards every other message to
/// it; Terminated messages and the child's ref (on "child?") go to <c>probe</c>. Supervises with <c>strategy</c>.
/// </summary>
public sealed class Parent : ReceiveActor
{
    private readonly SupervisorStrategy? _strategy;

    public Parent(Props childProps, IActorRef probe, SupervisorStrategy? strategy = null, bool watchChild = false)
    {
        _strategy = strategy;
        var child = Context.ActorOf(childProps, "child");
        if (watchChild) Context.Watch(child);
        Receive<Terminated>(t => probe.Tell(t));
        Receive<string>(s => s == "child?", _ => Sender.Tell(child));
        ReceiveAny(_ => Context.Forward(child));
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy ?? base.SupervisorStrategy();
}
