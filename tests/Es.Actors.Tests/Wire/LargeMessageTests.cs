// Pins that the frame size follows the message limit: a Humanoid-sized snapshot (about 2.2 MB, seventeen times Akka's default frame) crosses a real connection whole.
using Es.Actors.Evolution;
using Es.Actors.Wire;
using Es.Core.Checkpoints;
using Es.Core.Optimizers;
using Es.Core.Strategies;

namespace Es.Actors.Tests.Wire;

[Collection(RemotingCollection.Name)]
public sealed class LargeMessageTests : Akka.TestKit.Xunit2.TestKit
{
    private const int Parameters = 180_501; // Humanoid's policy

    public LargeMessageTests()
        : base(WireTestSystems.Remote("run-h", maxMessageBytes: 4 * 1024 * 1024), "esakka")
    {
    }

    [Fact]
    public async Task AHumanoidSizedSnapshot_Should_CrossInOneFrame_WhenFramesAreSizedFromTheLimit()
    {
        var random = new Random(20230828);
        float[] Vector() => Enumerable.Range(0, Parameters).Select(_ => (float)random.NextDouble()).ToArray();
        var state = new StrategyState("openai-es", 9, Vector(), new OptimizerState("adam", 9, [Vector(), Vector()]));
        var snapshot = new Checkpoint(5UL, 9, "Humanoid-v4", state, WireSamples.Stats(), 1_000_000, 4_000, 123.5, "es { }", 0);
        Assert.InRange(CheckpointFile.Serialize(snapshot).Length, 2_000_000, 2_400_000);
        Assert.Contains("maximum-frame-size = " + EsWireSerializer.FrameBytes(4 * 1024 * 1024) + "b", EsWireSerializer.Hocon("run-h", 4 * 1024 * 1024), StringComparison.Ordinal);

        Sys.ActorOf(Props.Create(() => new Forwarder(TestActor)), "inbox");
        using ActorSystem sender = ActorSystem.Create("esakka", WireTestSystems.Remote("run-h", maxMessageBytes: 4 * 1024 * 1024));
        try
        {
            IActorRef inbox = await sender.ActorSelection(new RootActorPath(WireTestSystems.AddressOf(Sys)) / "user" / "inbox").ResolveOne(Dilated(TimeSpan.FromSeconds(15)));
            inbox.Tell(new SnapshotReply(snapshot));
            WireSamples.AssertSame(snapshot, ExpectMsg<SnapshotReply>(Dilated(TimeSpan.FromSeconds(30))).Snapshot);
        }
        finally
        {
            await sender.Terminate();
        }
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(m => target.Forward(m));
    }
}
