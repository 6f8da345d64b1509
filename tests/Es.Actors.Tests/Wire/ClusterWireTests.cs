// Pins that the wire settings (strict mode, JSON refused) leave Akka.Cluster and DistributedPubSub working: two cluster nodes join and a published update arrives.
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using Es.Actors.Evolution;
using Es.Actors.Wire;

namespace Es.Actors.Tests.Wire;

[Collection(RemotingCollection.Name)]
public sealed class ClusterWireTests : Akka.TestKit.Xunit2.TestKit
{
    private static Config ClusterNode() => ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        # The test joins the two nodes itself: no seed nodes from the project's reference configuration.
        akka.cluster.seed-nodes = []
        akka.cluster.pub-sub.send-to-dead-letters-when-no-subscribers = off
        akka.coordinated-shutdown.exit-clr = off
        """).WithFallback(WireTestSystems.Remote("run-c"));

    public ClusterWireTests()
        : base(ClusterNode(), "esakka")
    {
    }

    [Fact]
    public async Task ClusterNodesWithTheWireSettings_Should_JoinAndCarryAPublishedUpdate()
    {
        ActorSystem other = ActorSystem.Create("esakka", ClusterNode());
        try
        {
            Address seed = WireTestSystems.AddressOf(Sys);
            Cluster.Get(Sys).Join(seed);
            Cluster.Get(other).Join(seed);
            await AwaitAssertAsync(() => Assert.Equal(2, Cluster.Get(Sys).State.Members.Count(m => m.Status == MemberStatus.Up)), Dilated(TimeSpan.FromSeconds(20)));

            DistributedPubSub.Get(Sys).Mediator.Tell(new Subscribe("updates", TestActor));
            ExpectMsg<SubscribeAck>(Dilated(TimeSpan.FromSeconds(10)));
            var published = new GenerationPublished(WireSamples.Generation(4), 1, 9.5);
            IActorRef mediator = DistributedPubSub.Get(other).Mediator;
            GenerationPublished? received = null;
            await AwaitAssertAsync(() =>
            {
                mediator.Tell(new Publish("updates", published));
                received = ExpectMsg<GenerationPublished>(TimeSpan.FromSeconds(1));
            }, Dilated(TimeSpan.FromSeconds(20)), TimeSpan.FromMilliseconds(100));
            Assert.NotNull(received);
            WireSamples.AssertSame(published.Update, received.Update);
            Assert.Equal(0, EsWireSerializer.Of(Sys).Refused.Total);
        }
        finally
        {
            await Cluster.Get(other).LeaveAsync();
            await other.Terminate();
        }
    }
}
