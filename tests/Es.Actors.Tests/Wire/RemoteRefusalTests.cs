// Pins what a refused message does over a real Akka.Remote connection: it is dropped, counted and logged, and the association, both nodes and later valid messages carry on.
using Es.Actors.Evolution;
using Akka.Remote;
using Es.Actors.Wire;

namespace Es.Actors.Tests.Wire;

[Collection(RemotingCollection.Name)]
public sealed class RemoteRefusalTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Run = "run-b";
    private readonly List<ActorSystem> _others = [];

    public RemoteRefusalTests()
        : base(WireTestSystems.Remote(Run, maxMessageBytes: 8 * 1024, extra: "akka.remote.dot-netty.tcp.maximum-frame-size = 4000000b"), "esakka")
    {
        Sys.ActorOf(Props.Create(() => new Forwarder(TestActor)), "inbox");
    }

    private TimeSpan Patience => Dilated(TimeSpan.FromSeconds(15));

    /// <summary>Starts another node and resolves this test's inbox from it (through Akka's own Identify, which every run understands).</summary>
    private async Task<(ActorSystem Node, IActorRef Inbox)> Peer(string runId, int maxMessageBytes = 1 << 20)
    {
        ActorSystem node = ActorSystem.Create("esakka", WireTestSystems.Remote(runId, maxMessageBytes, "akka.remote.dot-netty.tcp.maximum-frame-size = 4000000b"));
        _others.Add(node);
        IActorRef inbox = await node.ActorSelection(new RootActorPath(WireTestSystems.AddressOf(Sys)) / "user" / "inbox").ResolveOne(Patience);
        return (node, inbox);
    }

    protected override void Dispose(bool disposing)
    {
        foreach (ActorSystem node in _others) node.Terminate().Wait(TimeSpan.FromSeconds(10));
        base.Dispose(disposing);
    }

    [Fact]
    public async Task AMessageOfAnotherRun_Should_BeRefusedAndCounted_WhileTheNodeAndLaterValidMessagesCarryOn()
    {
        EsWireSerializer serializer = EsWireSerializer.Of(Sys);
        (ActorSystem foreign, IActorRef fromForeign) = await Peer("run-a");

        await EventFilter.Warning(contains: "message from run 'run-a', this run is 'run-b' (reason ForeignRun; 1 refused").ExpectOneAsync(Patience, () =>
        {
            fromForeign.Tell(new RequestWork(1, 1));
            return Task.CompletedTask;
        });
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.Equal(1, serializer.Refused[WireRefusal.ForeignRun]);

        // The same association still works for Akka's own messages, and a node of this run gets through.
        Assert.Equal(fromForeign, await foreign.ActorSelection(fromForeign.Path).ResolveOne(Patience));
        (_, IActorRef fromFriend) = await Peer(Run);
        fromFriend.Tell(new RequestWork(2, 3));
        Assert.Equal(new RequestWork(2, 3), ExpectMsg<RequestWork>(Patience));

        fromForeign.Tell(new RunEnded("a stale head"));
        await AwaitAssertAsync(() => Assert.Equal(2, serializer.Refused[WireRefusal.ForeignRun]), Patience);
        fromFriend.Tell(new ReplicaState(4, false));
        Assert.Equal(new ReplicaState(4, false), ExpectMsg<ReplicaState>(Patience));
        Assert.False(Sys.WhenTerminated.IsCompleted);
        Assert.False(foreign.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task AMessageAboveTheReceiversLimit_Should_BeRefused_AndTheNextOneOnTheSameConnectionArrive()
    {
        EsWireSerializer serializer = EsWireSerializer.Of(Sys);
        (_, IActorRef inbox) = await Peer(Run, maxMessageBytes: 1 << 20);
        var big = new WorkBatch(Enumerable.Range(0, 1000).Select(i => WireSamples.Task(2, i)).ToArray()); // 26 KB > 8 KB here

        inbox.Tell(big);
        inbox.Tell(new GetUpdates(5));
        Assert.Equal(new GetUpdates(5), ExpectMsg<GetUpdates>(Patience));
        Assert.Equal(1, serializer.Refused[WireRefusal.Oversized]);
        Assert.Equal(1, serializer.Refused.Total);
    }

    [Fact]
    public async Task AJsonFrameNamingADotNetType_Should_BeRefused_NotBuilt()
    {
        EsWireSerializer serializer = EsWireSerializer.Of(Sys);
        ActorSystem careless = ActorSystem.Create("esakka", WireTestSystems.PlainRemote());
        _others.Add(careless);
        IActorRef inbox = await careless.ActorSelection(new RootActorPath(WireTestSystems.AddressOf(Sys)) / "user" / "inbox").ResolveOne(Patience);

        // The peer's JSON serializer writes the type name; this node has the type, and still must not build it.
        inbox.Tell(new Planted("rm -rf /"));
        inbox.Tell(new RequestWork(1, 1)); // without the binding this goes as JSON too
        await AwaitAssertAsync(() => Assert.Equal(2, serializer.Refused[WireRefusal.UnknownType]), Patience);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        (_, IActorRef fromFriend) = await Peer(Run);
        fromFriend.Tell(new GetUpdates(1));
        Assert.Equal(new GetUpdates(1), ExpectMsg<GetUpdates>(Patience));
    }

    [Fact]
    public async Task ARemoteDeployment_Should_BeRefused_AndNoActorCreated()
    {
        EsWireSerializer serializer = EsWireSerializer.Of(Sys);
        ActorSystem careless = ActorSystem.Create("esakka", WireTestSystems.PlainRemote());
        _others.Add(careless);
        Address here = WireTestSystems.AddressOf(Sys);
        _ = await careless.ActorSelection(new RootActorPath(here) / "user" / "inbox").ResolveOne(Patience); // associated

        // The peer asks this node to create an actor of a type this node has, as Akka.Remote's remote deployment does.
        IActorRef deployed = careless.ActorOf(Props.Create(() => new Canary(TestActor)).WithDeploy(new Deploy(new RemoteScope(here))), "canary");
        await AwaitAssertAsync(() => Assert.Equal(1, serializer.Refused[WireRefusal.UnknownType]), Patience);
        Assert.Equal(here, deployed.Path.Address); // the peer believes it deployed one
        ExpectNoMsg(TimeSpan.FromMilliseconds(500)); // a created canary says so
        Assert.Equal(0, Canary.Created);

        (_, IActorRef fromFriend) = await Peer(Run);
        fromFriend.Tell(new GetUpdates(1));
        Assert.Equal(new GetUpdates(1), ExpectMsg<GetUpdates>(Patience));
    }

    /// <summary>An actor a peer tries to deploy onto this node; it reports its creation.</summary>
    public sealed class Canary : ReceiveActor
    {
        private static int _created;

        public Canary(IActorRef report)
        {
            Interlocked.Increment(ref _created);
            report.Tell("created");
        }

        public static int Created => Volatile.Read(ref _created);
    }

    /// <summary>A type the receiver has, that a peer names in a JSON frame.</summary>
    public sealed record Planted(string Command);

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(m => target.Forward(m));
    }
}

/// <summary>The remoting tests run one class at a time: each starts several nodes, and the machine may have two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RemotingCollection
{
    public const string Name = "Remoting";
}
