// Pins remoting over TLS as configured in HOCON: two nodes with a certificate exchange a wire message, and a node without TLS cannot reach them.
using Es.Actors.Evolution;

namespace Es.Actors.Tests.Wire;

[Collection(RemotingCollection.Name)]
public sealed class TlsTransportTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TestCertificate Certificate = new();

    public TlsTransportTests()
        : base(WireTestSystems.Remote("run-t", extra: Certificate.Hocon(suppressValidation: true)), "esakka")
    {
        Sys.ActorOf(Props.Create(() => new Forwarder(TestActor)), "inbox");
    }

    private ActorSelection InboxFrom(ActorSystem node, string? protocol = null)
    {
        Address address = WireTestSystems.AddressOf(Sys);
        if (protocol is not null) address = address.WithProtocol(protocol);
        return node.ActorSelection(new RootActorPath(address) / "user" / "inbox");
    }

    [Fact]
    public async Task TwoNodesWithTls_Should_ExchangeAWireMessage()
    {
        Assert.True(Sys.Settings.Config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
        ActorSystem peer = ActorSystem.Create("esakka", WireTestSystems.Remote("run-t", extra: Certificate.Hocon(suppressValidation: true)));
        try
        {
            IActorRef inbox = await InboxFrom(peer).ResolveOne(Dilated(TimeSpan.FromSeconds(15)));
            inbox.Tell(new RequestWork(3, 2));
            Assert.Equal(new RequestWork(3, 2), ExpectMsg<RequestWork>(Dilated(TimeSpan.FromSeconds(15))));
        }
        finally
        {
            await peer.Terminate();
        }
    }

    [Fact]
    public async Task ANodeWithoutTls_Should_NotReachATlsNode()
    {
        // The TLS node's address says akka.ssl.tcp; a plain node can only try akka.tcp at the same host and port.
        Assert.Equal("akka.ssl.tcp", WireTestSystems.AddressOf(Sys).Protocol);
        ActorSystem plain = ActorSystem.Create("esakka", WireTestSystems.Remote("run-t"));
        try
        {
            InboxFrom(plain, "akka.tcp").Tell(new RequestWork(1, 1));
            ExpectNoMsg(Dilated(TimeSpan.FromSeconds(3)));
            await Assert.ThrowsAsync<ActorNotFoundException>(() => InboxFrom(plain, "akka.tcp").ResolveOne(Dilated(TimeSpan.FromSeconds(3))));
            Assert.False(Sys.WhenTerminated.IsCompleted);
        }
        finally
        {
            await plain.Terminate();
        }
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(m => target.Forward(m));
    }
}
