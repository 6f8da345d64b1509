// Tests of death watch: Terminated on stop, for already-dead actors, Unwatch, and the death pact.
using Es.Actors.Tests.Support;

namespace Es.Actors.Tests.Cell;

public sealed class DeathWatchTests : TestKit.TestKit
{
    [Fact]
    public void Watch_Should_DeliverTerminatedWhenTheActorStops()
    {
        var actor = ActorOf(Props.Create(() => new EchoActor()));
        Watch(actor);
        Sys.Stop(actor);
        var terminated = ExpectTerminated(actor);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.Same(actor, LastSender);
    }

    [Fact]
    public void Watch_Should_DeliverTerminatedForAnAlreadyDeadActor()
    {
        var actor = ActorOf(Props.Create(() => new EchoActor()));
        var first = CreateTestProbe();
        first.Watch(actor);
        actor.Tell(PoisonPill.Instance);
        first.ExpectTerminated(actor);
        Watch(actor);
        Assert.False(ExpectTerminated(actor).ExistenceConfirmed);
    }

    [Fact]
    public void Unwatch_Should_CancelTheTerminatedMessage()
    {
        var actor = ActorOf(Props.Create(() => new EchoActor()));
        var witness = CreateTestProbe();
        witness.Watch(actor);
        Watch(actor);
        Unwatch(actor);
        Sys.Stop(actor);
        witness.ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void UnhandledTerminated_Should_StopTheWatcherWithDeathPact()
    {
        var target = ActorOf(Props.Create(() => new EchoActor()));
        var watcher = ActorOf(Props.Create(() => new CarelessWatcher(target)));
        Watch(watcher);
        EventFilter.Exception<DeathPactException>().ExpectOne(() => Sys.Stop(target));
        ExpectTerminated(watcher);
    }

    [Fact]
    public void ContextWatch_Should_DeliverTerminatedInsideActors()
    {
        var target = ActorOf(Props.Create(() => new EchoActor()));
        ActorOf(Props.Create(() => new CarefulWatcher(target, TestActor)));
        ExpectMsg("watching");
        Sys.Stop(target);
        ExpectMsg<Terminated>(t => ReferenceEquals(t.ActorRef, target));
    }

    private sealed class CarelessWatcher : ActorBase
    {
        public CarelessWatcher(IActorRef target) => Context.Watch(target);

        protected override bool Receive(object message) => false;
    }

    private sealed class CarefulWatcher : ReceiveActor
    {
        public CarefulWatcher(IActorRef target, IActorRef probe)
        {
            Context.Watch(target);
            probe.Tell("watching");
            Receive<Terminated>(t => probe.Tell(t));
        }
    }
}
