// Pins that every message crossing processes goes through Akka's serialization to the project's serializer and comes back with every field and every bit.
using Akka.Serialization;
using Es.Actors.Evolution;
using Es.Actors.Wire;
using Es.Core.Checkpoints;
using Es.Core.Evaluation;
using Es.Core.Noise;
using Es.Core.Strategies;
using Es.Core.Training;

namespace Es.Actors.Tests.Wire;

public sealed class EsWireSerializerRoundTripTests : Akka.TestKit.Xunit2.TestKit
{
    public EsWireSerializerRoundTripTests()
        : base(WireTestSystems.Local())
    {
    }

    /// <summary>Serializes as Akka.Remote does (serializer found by type, manifest, bytes) and deserializes as it does (by serializer id and manifest).</summary>
    private T RoundTrip<T>(T message) where T : IWireMessage
    {
        Serializer serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<EsWireSerializer>(serializer);
        byte[] bytes = serializer.ToBinary(message);
        string manifest = Serialization.ManifestFor(serializer, message);
        Assert.Equal(typeof(T).Name, manifest);
        object back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);
        // Re-encoding gives the same bytes: nothing the layout carries was lost or changed on the way.
        Assert.Equal(bytes, serializer.ToBinary(back));
        return Assert.IsType<T>(back);
    }

    [Fact]
    public void EveryWireMessageType_Should_HaveALayoutAndAManifest()
    {
        Type[] declared = typeof(IWireMessage).Assembly.GetTypes()
            .Where(t => typeof(IWireMessage).IsAssignableFrom(t) && !t.IsInterface).OrderBy(t => t.Name).ToArray();
        Type[] carried = WireMessageCodec.Types.Select(t => t.Type).OrderBy(t => t.Name).ToArray();
        Assert.Equal(declared, carried);
        Assert.Equal(13, carried.Length);
        Assert.Equal(carried.Length, WireMessageCodec.Types.Select(t => t.Manifest).Distinct().Count());
    }

    [Fact]
    public void RequestWork_Should_RoundTrip() => Assert.Equal(new RequestWork(12, 4), RoundTrip(new RequestWork(12, 4)));

    [Fact]
    public void WorkBatch_Should_RoundTripEveryTask_InOrder()
    {
        EvaluationTask[] tasks =
        [
            WireSamples.Task(3, 0),
            WireSamples.Task(3, 9) with { CollectStatistics = false },
            WireSamples.Task(3, 1) with { Kind = TaskKind.Evaluate, NoiseIndex = -1, EnvironmentSeed = ulong.MaxValue },
        ];
        Assert.Equal(tasks, RoundTrip(new WorkBatch(tasks)).Tasks);
        Assert.Empty(RoundTrip(new WorkBatch([])).Tasks);
    }

    [Fact]
    public void TaskResults_Should_RoundTripBitExact_WithAndWithoutObservationStatistics()
    {
        TaskResult[] results = [WireSamples.Result(3, 0, withStats: true), WireSamples.Result(3, 1, withStats: false), WireSamples.Result(3, 2) with { FitnessPositive = double.NegativeInfinity, Retries = 0 }];
        IReadOnlyList<TaskResult> back = RoundTrip(new TaskResults(results)).Results;
        Assert.Equal(results.Length, back.Count);
        for (int i = 0; i < results.Length; i++) WireSamples.AssertSame(results[i], back[i]);
        Assert.NotNull(back[0].Statistics);
        Assert.Null(back[1].Statistics);
    }

    [Fact]
    public void GenerationPublished_Should_RoundTripTheUpdateStreakAndBestReturn()
    {
        var published = new GenerationPublished(WireSamples.Generation(5), GoalStreak: 2, BestReturn: double.NaN);
        GenerationPublished back = RoundTrip(published);
        WireSamples.AssertSame(published.Update, back.Update);
        Assert.Equal(2, back.GoalStreak);
        Assert.True(double.IsNaN(back.BestReturn));
        Assert.Equal(-123.25, RoundTrip(published with { BestReturn = -123.25 }).BestReturn);
    }

    [Fact]
    public void UpdatesReply_Should_RoundTripBothUpdateKinds_InOrder()
    {
        GenerationPublished[] updates =
        [
            new(WireSamples.Generation(7, withStats: true), 0, 10.5),
            new(WireSamples.Generation(8, withStats: false) with { Strategy = new FitnessUpdate(8, [0, 2, 5], [1.5, -0.0, 1e-310, 2, 3, double.MaxValue]) }, 1, 11),
        ];
        IReadOnlyList<GenerationPublished> back = RoundTrip(new UpdatesReply(updates)).Updates;
        Assert.Equal(2, back.Count);
        Assert.IsType<NoiseStepUpdate>(back[0].Update.Strategy);
        Assert.IsType<FitnessUpdate>(back[1].Update.Strategy);
        for (int i = 0; i < updates.Length; i++)
        {
            WireSamples.AssertSame(updates[i].Update, back[i].Update);
            Assert.Equal(updates[i].GoalStreak, back[i].GoalStreak);
            Assert.Equal(updates[i].BestReturn, back[i].BestReturn);
        }
        Assert.Empty(RoundTrip(new UpdatesReply([])).Updates);
    }

    [Fact]
    public void SnapshotReply_Should_RoundTripAnOpenAiEsLearnerState() =>
        WireSamples.AssertSame(WireSamples.Snapshot(), RoundTrip(new SnapshotReply(WireSamples.Snapshot())).Snapshot);

    [Fact]
    public void SnapshotReply_Should_RoundTripACmaEsLearnerState_WithCovarianceAndPaths()
    {
        var cma = new CmaEs(new CmaEsOptions { Sigma = 0.5 }, [0.1f, -0.2f, 0.3f, 0f, 1f, 2f], NoiseTable.Create(7, 4096), 3);
        var random = new Random(20230828);
        for (int g = 0; g < 2; g++)
        {
            cma.Ask();
            cma.Tell(Enumerable.Range(0, cma.PopulationSize).Select(_ => random.NextDouble()).ToArray());
        }
        StrategyState state = cma.SaveState();
        Assert.NotNull(state.Extra);
        var snapshot = new Checkpoint(11UL, 2, "sphere", state, null, 0, 0, double.NaN, "es { strategy = cma-es }", GoalStreak: 0);

        Checkpoint back = RoundTrip(new SnapshotReply(snapshot)).Snapshot;
        WireSamples.AssertSame(snapshot, back);
        Assert.Equal(state.Extra!.Select(BitConverter.DoubleToInt64Bits), back.Strategy.Extra!.Select(BitConverter.DoubleToInt64Bits));
        var restored = new CmaEs(new CmaEsOptions { Sigma = 0.5 }, new float[6], NoiseTable.Create(7, 4096), 3);
        restored.LoadState(back.Strategy);
        Assert.Equal(cma.Sigma, restored.Sigma);
    }

    [Fact]
    public void Requests_Should_RoundTrip()
    {
        Assert.Equal(new GetUpdates(-1), RoundTrip(new GetUpdates(-1)));
        Assert.Equal(new GetUpdates(long.MaxValue), RoundTrip(new GetUpdates(long.MaxValue)));
        Assert.Same(GetSnapshot.Instance, RoundTrip(GetSnapshot.Instance));
        Assert.Same(QueryReplicas.Instance, RoundTrip(QueryReplicas.Instance));
    }

    [Fact]
    public void ReplicaStateAndRunEnded_Should_RoundTrip()
    {
        Assert.Equal(new ReplicaState(-1, false), RoundTrip(new ReplicaState(-1, false)));
        Assert.Equal(new ReplicaState(42, true), RoundTrip(new ReplicaState(42, true)));
        Assert.Equal(new RunEnded("goal reached: 475.5 ≥ 475 (Ctrl-C? no)"), RoundTrip(new RunEnded("goal reached: 475.5 ≥ 475 (Ctrl-C? no)")));
        Assert.Equal(new RunEnded(""), RoundTrip(new RunEnded("")));
        Assert.Equal(new ReturnTasks(7, 32), RoundTrip(new ReturnTasks(7, 32)));
        TasksReturned returned = RoundTrip(new TasksReturned(7, [31, 30, 0]));
        Assert.Equal(7, returned.Generation);
        Assert.Equal([31, 30, 0], returned.Tasks);
        Assert.Empty(RoundTrip(new TasksReturned(0, [])).Tasks);
    }

    [Fact]
    public void EveryMessage_Should_CarryTheEnvelope_WithTheRunIdAndProtocolVersion()
    {
        Serializer serializer = Sys.Serialization.FindSerializerFor(GetSnapshot.Instance);
        byte[] bytes = serializer.ToBinary(GetSnapshot.Instance);
        Assert.Equal("ESWM"u8.ToArray(), bytes[..4]);
        Assert.Equal(WireCodec.ProtocolVersion, BitConverter.ToUInt16(bytes, 4));
        Assert.Equal(4, WireCodec.ProtocolVersion);
        Assert.Equal((byte)MessageKind.GetSnapshot, bytes[6]);
        Assert.Equal("run-a"u8.ToArray(), bytes[11..16]);
    }
}
