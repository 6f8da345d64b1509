// Tests of pool routers: distribution, idle preference, supervision of routees, routee removal, Broadcast.
using Es.Actors.Patterns;
using Es.Actors.Routing;
using Es.Actors.Supervision;
using Es.Actors.Tests.Support;

namespace Es.Actors.Tests.Routing;

public sealed class RouterTests : TestKit.TestKit
{
    private IReadOnlyList<IActorRef> RouteesOf(IActorRef router)
    {
        router.Tell(GetRoutees.Instance);
        return ExpectMsg<Routees>().Members;
    }

    [Fact]
    public void RoundRobinPool_Should_DistributeInRouteeOrder()
    {
        var router = ActorOf(Props.Create(() => new Tagger()).WithRouter(new RoundRobinPool(3)), "pool");
        var routees = RouteesOf(router);
        Assert.Equal(3, routees.Count);
        Assert.All(routees, r => Assert.Equal($"es://{Sys.Name}/user/pool/{r.Path.Name}", r.Path.ToString()));
        for (var i = 0; i < 6; i++) router.Tell(i);
        var byMessage = ReceiveN(6).Cast<(int, IActorRef)>().ToDictionary(r => r.Item1, r => r.Item2);
        for (var i = 0; i < 6; i++) Assert.Same(routees[i % 3], byMessage[i]);
    }

    [Fact]
    public void RoundRobinPool_Should_KeepTheOriginalSender()
    {
        var router = ActorOf(Props.Create(() => new EchoActor()).WithRouter(new RoundRobinPool(2)));
        var probe = CreateTestProbe();
        probe.Send(router, "hi");
        probe.ExpectMsg("hi");
    }

    [Fact]
    public void SmallestMailboxPool_Should_PreferAnIdleRoutee()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = ActorOf(Props.Create(() => new GatedTagger(gate.Task)).WithRouter(new SmallestMailboxPool(3)));
        var routees = RouteesOf(router);
        routees[0].Tell("block");
        routees[1].Tell("block");
        router.Tell("who");
        Assert.Same(routees[2], ExpectMsg<IActorRef>());
        gate.SetResult();
    }

    [Fact]
    public void SmallestMailboxPool_Should_PickTheShortestQueueWhenAllAreBusy()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var router = ActorOf(Props.Create(() => new GatedTagger(gate.Task)).WithRouter(new SmallestMailboxPool(2)));
        var routees = RouteesOf(router);
        routees[0].Tell("block");
        routees[0].Tell("queued");
        routees[0].Tell("queued");
        routees[1].Tell("block");
        router.Tell("who");
        RouteesOf(router); // answered after "who" was routed: the choice is made while both routees are still blocked
        gate.SetResult();
        var replies = ReceiveN(3); // "queued" twice from routee 0, and the answer to "who"
        Assert.Same(routees[1], replies.OfType<IActorRef>().Single());
    }

    [Fact]
    public void Pool_Should_RestartAFailingRouteeAndKeepRoutingToIt()
    {
        var router = ActorOf(Props.Create(() => new Reporter(TestActor)).WithRouter(new RoundRobinPool(1)));
        ExpectMsg("PreStart");
        var routee = RouteesOf(router).Single();
        EventFilter.Exception<InvalidOperationException>("boom").ExpectOne(() => router.Tell("fail"));
        FishForMessage<string>(s => s == "PreStart"); // restarted
        Assert.Same(routee, RouteesOf(router).Single());
        router.Tell("ping");
        ExpectMsg("ping");
    }

    [Fact]
    public void Pool_Should_ApplyItsOwnSupervisorStrategy()
    {
        var router = ActorOf(Props.Create(() => new Reporter(TestActor)).WithRouter(new RoundRobinPool(1, SupervisorStrategy.StoppingStrategy)));
        ExpectMsg("PreStart");
        Watch(router);
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => router.Tell("fail"));
        ExpectMsg("PostStop");
        ExpectTerminated(router); // its only routee stopped, so the router stopped too
    }

    [Fact]
    public void Pool_Should_RemoveStoppedRouteesAndStopItselfWhenNoneAreLeft()
    {
        var router = ActorOf(Props.Create(() => new EchoActor()).WithRouter(new RoundRobinPool(2)));
        var routees = RouteesOf(router);
        Watch(router);
        var witness = CreateTestProbe();
        witness.Watch(routees[0]);
        Sys.Stop(routees[0]);
        witness.ExpectTerminated(routees[0]);
        AwaitAssert(() => Assert.Equal(new[] { routees[1] }, router.Ask<Routees>(GetRoutees.Instance, RemainingOrDefault).Result.Members));
        Sys.Stop(routees[1]);
        ExpectTerminated(router);
    }

    [Fact]
    public void Broadcast_Should_ReachEveryRoutee()
    {
        var router = ActorOf(Props.Create(() => new Tagger()).WithRouter(new RoundRobinPool(3)));
        var routees = RouteesOf(router);
        router.Tell(new Broadcast(7));
        var senders = ReceiveN(3).Cast<(int, IActorRef)>().Select(r => r.Item2).ToHashSet();
        Assert.Equal(routees.ToHashSet(), senders);
        Watch(router);
        router.Tell(new Broadcast(PoisonPill.Instance));
        ExpectTerminated(router);
    }

    private sealed class Tagger : ReceiveActor
    {
        public Tagger() => Receive<int>(i => Sender.Tell((i, Self)));
    }

    private sealed class GatedTagger : ReceiveActor
    {
        public GatedTagger(Task gate)
        {
            ReceiveAsync<string>(s => s == "block" ? gate : Task.CompletedTask, s => s == "block");
            Receive<string>(s => s == "who", _ => Sender.Tell(Self));
            Receive<string>(s => Sender.Tell(s));
        }
    }
}
