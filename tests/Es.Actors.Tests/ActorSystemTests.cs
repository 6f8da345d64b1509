// Tests of the basics: tell, paths, names, implicit senders, system termination.
using Es.Actors.Tests.Support;

namespace Es.Actors.Tests;

public sealed class ActorSystemTests : TestKit.TestKit
{
    [Fact]
    public void Tell_Should_DeliverMessageWithTestActorAsImplicitSender()
    {
        var echo = ActorOf(Props.Create(() => new EchoActor()), "echo");
        echo.Tell("hello");
        ExpectMsg("hello");
        Assert.Same(echo, LastSender);
    }

    [Fact]
    public void Tell_Should_PreserveOrderFromOneSender()
    {
        var echo = ActorOf(Props.Create(() => new EchoActor()));
        for (var i = 0; i < 500; i++) echo.Tell(i);
        var received = ReceiveN(500);
        Assert.Equal(Enumerable.Range(0, 500).Cast<object>(), received);
    }

    [Fact]
    public void ActorPath_Should_ReflectTheHierarchy()
    {
        var parent = ActorOf(Props.Create(() => new Parent(Props.Create(() => new EchoActor()), TestActor, null, false)), "parent");
        parent.Tell("child?");
        var child = ExpectMsg<IActorRef>();
        Assert.Equal($"es://{Sys.Name}/user/parent/child", child.Path.ToString());
        Assert.Equal(["user", "parent", "child"], child.Path.Elements);
        Assert.Equal(parent.Path, child.Path.Parent);
    }

    [Fact]
    public void ActorOf_Should_GenerateNamesAndRejectInvalidOrDuplicateOnes()
    {
        var a = ActorOf(Props.Create(() => new EchoActor()));
        Assert.StartsWith("$", a.Path.Name, StringComparison.Ordinal);
        ActorOf(Props.Create(() => new EchoActor()), "taken");
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create(() => new EchoActor()), "taken"));
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create(() => new EchoActor()), "$mine"));
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create(() => new EchoActor()), "a/b"));
    }

    [Fact]
    public void ActorBase_Should_RefuseConstructionOutsideProps()
    {
        Assert.Throws<ActorInitializationException>(() => new EchoActor());
    }

    [Fact]
    public void Tell_Should_UseSelfAsImplicitSenderInsideActors()
    {
        var echo = ActorOf(Props.Create(() => new EchoActor()));
        var relay = ActorOf(Props.Create(() => new Relay(echo, TestActor)));
        relay.Tell("ping");
        ExpectMsg("ping"); // echo replied to relay (implicit sender), which passed it on
        Assert.Same(relay, LastSender);
    }

    [Fact]
    public async Task Terminate_Should_StopAllActorsAndCompleteWhenTerminated()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = ActorOf(Props.Create(() => new StopSignal(stopped)));
        actor.Tell("ready?");
        ExpectMsg("ready");
        await Sys.Terminate().WaitAsync(Dilated(TimeSpan.FromSeconds(3)));
        Assert.True(stopped.Task.IsCompleted); // the test actor is gone too, so PostStop signals through a task
        Assert.True(Sys.WhenTerminated.IsCompleted);
        Assert.Throws<InvalidOperationException>(() => Sys.ActorOf(Props.Create(() => new EchoActor())));
    }

    private sealed class StopSignal : ReceiveActor
    {
        private readonly TaskCompletionSource _stopped;

        public StopSignal(TaskCompletionSource stopped)
        {
            _stopped = stopped;
            Receive<string>(_ => Sender.Tell("ready"));
        }

        protected override void PostStop() => _stopped.TrySetResult();
    }

    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef echo, IActorRef probe)
        {
            Receive<string>(s => Sender.Equals(echo), s => probe.Tell(s));
            Receive<string>(s => echo.Tell(s));
        }
    }
}
