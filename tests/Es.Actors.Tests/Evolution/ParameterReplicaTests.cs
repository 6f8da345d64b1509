// Pins the ParameterReplica actor: it starts from the snapshot, follows the update log to the leader's bits, and reloads when it diverges.
using Akka.TestKit;
using Es.Actors.Evolution;
using Es.Actors.Fabric;
using Es.Core.Training;

namespace Es.Actors.Tests.Evolution;

public sealed class ParameterReplicaTests : Support.ActorTest
{
    /// <summary>A leader's snapshot in a fresh fabric and a replica that has loaded it (its first ParametersAdvanced taken).</summary>
    private async Task<(LocalTrainer Leader, InMemoryFabric Fabric, IActorRef Replica)> StartAsync()
    {
        TrainingSetup setup = RunFixtures.Setup;
        LocalTrainer leader = setup.CreateLocalTrainer(1);
        var fabric = new InMemoryFabric();
        await fabric.PublishSnapshotAsync(leader.Learner.ToCheckpoint("CartPole-v1", double.NaN, ""));
        IActorRef replica = Sys.ActorOf(ParameterReplica.Props(fabric, setup.CreateLearner(), TimeSpan.FromMilliseconds(100)));
        replica.Tell(new SubscribeParameters(), TestActor);
        Assert.Equal(0, ExpectMsg<ParametersAdvanced>().Parameters.Generation);
        return (leader, fabric, replica);
    }

    [Fact]
    public async Task Replica_Should_LoadTheSnapshot_ThenApplyUpdatesToTheLeadersBits()
    {
        var (leader, fabric, _) = await StartAsync();

        GenerationReport g0 = leader.RunGeneration();
        GenerationReport g1 = leader.RunGeneration();
        await fabric.PublishGenerationAsync(g0.Update);
        await fabric.PublishGenerationAsync(g1.Update);
        ParametersSnapshot latest = FishForMessage<ParametersAdvanced>(m => m.Parameters.Generation == 2).Parameters;
        Assert.Equal(leader.Learner.Parameters.ToArray(), latest.Sampler.Center.ToArray());
        Assert.Equal(leader.Learner.Normalizer.Mean, latest.Normalizer.Mean);
    }

    [Fact]
    public async Task Replica_WhoseChecksumDisagrees_Should_ReloadTheSnapshot()
    {
        var (leader, fabric, _) = await StartAsync();

        GenerationReport g0 = leader.RunGeneration();
        await fabric.PublishSnapshotAsync(leader.Learner.ToCheckpoint("CartPole-v1", double.NaN, ""));
        await EventFilter.Warning(contains: "disagrees with the checksum").ExpectAsync(1, async () =>
            await fabric.PublishGenerationAsync(g0.Update with { ParameterChecksum = g0.Update.ParameterChecksum ^ 1 }));
        ParametersSnapshot reloaded = FishForMessage<ParametersAdvanced>(m => m.Parameters.Generation == 1).Parameters;
        Assert.Equal(leader.Learner.Parameters.ToArray(), reloaded.Sampler.Center.ToArray());
    }

    [Fact]
    public async Task Replica_AheadOfAHeadThatStartedAgain_Should_GoBackToItsSnapshot_WhenAskedAboutAnOlderTask()
    {
        var (leader, fabric, replica) = await StartAsync();
        GenerationReport g0 = leader.RunGeneration();
        float[] atOne = leader.Learner.Parameters.ToArray();
        var checkpointAtOne = leader.Learner.ToCheckpoint("CartPole-v1", double.NaN, "");
        GenerationReport g1 = leader.RunGeneration();
        await fabric.PublishGenerationAsync(g0.Update);
        await fabric.PublishGenerationAsync(g1.Update);
        FishForMessage<ParametersAdvanced>(m => m.Parameters.Generation == 2);

        // A new head resumes from the checkpoint at generation 1: it forgets updates from 1 on and publishes its snapshot.
        await fabric.ForgetGenerationsAsync(1);
        await fabric.PublishSnapshotAsync(checkpointAtOne);
        replica.Tell(new CheckHead(1), TestActor);
        ParametersSnapshot back = ExpectMsg<ParametersAdvanced>().Parameters;
        Assert.Equal(1, back.Generation);
        Assert.Equal(atOne, back.Sampler.Center.ToArray());
        Assert.Equal(new HeadChecked(1, true), ExpectMsg<HeadChecked>());
    }

    [Fact]
    public async Task Replica_AskedAboutADuplicateOfAFinishedGeneration_Should_StayWhereItIs()
    {
        var (leader, fabric, replica) = await StartAsync();
        GenerationReport g0 = leader.RunGeneration();
        GenerationReport g1 = leader.RunGeneration();
        await fabric.PublishGenerationAsync(g0.Update);
        await fabric.PublishGenerationAsync(g1.Update);
        FishForMessage<ParametersAdvanced>(m => m.Parameters.Generation == 2);

        // The snapshot is still the run's first (generation 0), but the log holds its update: the head is past it.
        replica.Tell(new CheckHead(1), TestActor);
        Assert.Equal(new HeadChecked(1, false), ExpectMsg<HeadChecked>());
    }
}
