// Pins the ParameterReplica actor: it starts from the head's snapshot, follows the published updates to the leader's bits, catches up when it missed one or its checksum disagrees, and answers a starting head's questions.
using Akka.TestKit;
using Es.Actors.Evolution;
using Es.Core.Checkpoints;
using Es.Core.Training;

namespace Es.Actors.Tests.Evolution;

public sealed class ParameterReplicaTests : Support.ActorTest
{
    private static readonly string RunConfiguration = RunFixtures.Settings.ToHocon();

    private static Checkpoint StateOf(LocalTrainer leader, int goalStreak = 0) => leader.Learner.ToCheckpoint("CartPole-v1", double.NaN, RunConfiguration, goalStreak);

    private static GenerationPublished Published(GenerationReport report, int goalStreak = 0) => new(report.Update, goalStreak, double.NaN);

    /// <summary>
    /// A replica whose head is <paramref name="head"/>, not yet answered. It asks again after
    /// <paramref name="retry"/> (default: 30 s, dilated — longer than any test, so a slow machine
    /// never slips a repeated question in front of the one a test expects).
    /// </summary>
    private IActorRef Replica(TestProbe head, TimeSpan? retry = null)
    {
        IActorRef replica = Sys.ActorOf(ParameterReplica.Props(head.Ref, RunFixtures.Setup.CreateLearner(), "CartPole-v1", retry ?? Dilated(TimeSpan.FromSeconds(30))));
        replica.Tell(new SubscribeParameters(), TestActor);
        return replica;
    }

    /// <summary>A leader at generation 0 and a replica that has its snapshot (its first ParametersAdvanced taken).</summary>
    private (LocalTrainer Leader, TestProbe Head, IActorRef Replica) Start()
    {
        LocalTrainer leader = RunFixtures.Setup.CreateLocalTrainer(1);
        TestProbe head = CreateTestProbe();
        IActorRef replica = Replica(head);
        Assert.Equal(-1, head.ExpectMsg<GetUpdates>().FromGeneration);
        head.Reply(new SnapshotReply(StateOf(leader)));
        Assert.Equal(0, ExpectMsg<ParametersAdvanced>().Parameters.Generation);
        return (leader, head, replica);
    }

    [Fact]
    public void Replica_Should_AskTheHeadAgain_UntilItHasAState()
    {
        TestProbe head = CreateTestProbe();
        Replica(head, TimeSpan.FromMilliseconds(300));
        Assert.Equal(-1, head.ExpectMsg<GetUpdates>().FromGeneration);
        Assert.Equal(-1, head.ExpectMsg<GetUpdates>(TimeSpan.FromSeconds(3)).FromGeneration); // unanswered: asked again
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // no parameters without a state
    }

    [Fact]
    public void Replica_Should_ApplyPublishedUpdates_ToTheLeadersBits()
    {
        var (leader, head, replica) = Start();
        GenerationReport g0 = leader.RunGeneration();
        GenerationReport g1 = leader.RunGeneration();
        replica.Tell(Published(g0));
        replica.Tell(Published(g0)); // a duplicate: ignored
        replica.Tell(Published(g1));
        Assert.Equal(1, ExpectMsg<ParametersAdvanced>().Parameters.Generation);
        ParametersSnapshot latest = ExpectMsg<ParametersAdvanced>().Parameters;
        Assert.Equal(2, latest.Generation);
        Assert.Equal(leader.Learner.Parameters.ToArray(), latest.Sampler.Center.ToArray());
        Assert.Equal(leader.Learner.Normalizer.Mean, latest.Normalizer.Mean);
        head.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // nothing was missing
    }

    [Fact]
    public void Replica_Should_AskForTheUpdatesItMissed_WhenALaterOneArrives()
    {
        var (leader, head, replica) = Start();
        GenerationReport g0 = leader.RunGeneration();
        GenerationReport g1 = leader.RunGeneration();
        replica.Tell(Published(g1)); // the update of generation 0 was lost (the topic is at most once)
        Assert.Equal(0, head.ExpectMsg<GetUpdates>().FromGeneration);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        head.Reply(new UpdatesReply([Published(g0), Published(g1)]));
        FishForMessage<ParametersAdvanced>(m => m.Parameters.Generation == 2);
        replica.Tell(GetSnapshot.Instance, TestActor);
        Assert.Equal(leader.Learner.Parameters.ToArray(), ExpectMsg<SnapshotReply>().Snapshot.Strategy.Center);
    }

    [Fact]
    public void Replica_Should_AskForTheUpdatesItMissed_WhenItsFeedSeesATaskOfALaterGeneration()
    {
        var (leader, head, replica) = Start();
        GenerationReport g0 = leader.RunGeneration();
        replica.Tell(new ParameterReplica.CatchUp(1));
        Assert.Equal(0, head.ExpectMsg<GetUpdates>().FromGeneration);
        head.Reply(new UpdatesReply([Published(g0)]));
        Assert.Equal(leader.Learner.Parameters.ToArray(), ExpectMsg<ParametersAdvanced>().Parameters.Sampler.Center.ToArray());

        replica.Tell(new ParameterReplica.CatchUp(1)); // not behind any more: nothing to ask
        head.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Replica_Should_AskOnce_ForManyEarlyTasksOfTheSameGeneration()
    {
        var (leader, head, replica) = Start();
        GenerationReport g0 = leader.RunGeneration();
        for (int i = 0; i < 20; i++) replica.Tell(new ParameterReplica.CatchUp(1)); // a batch of tasks that outran the topic
        Assert.Equal(0, head.ExpectMsg<GetUpdates>().FromGeneration);
        IActorRef asker = head.LastSender;
        head.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // one question until the answer comes

        asker.Tell(new UpdatesReply([Published(g0)]), head);
        Assert.Equal(1, ExpectMsg<ParametersAdvanced>().Parameters.Generation);
        GenerationReport g1 = leader.RunGeneration();
        replica.Tell(new ParameterReplica.CatchUp(2)); // answered: the next generation's early task asks again
        Assert.Equal(1, head.ExpectMsg<GetUpdates>().FromGeneration);
        head.Reply(new UpdatesReply([Published(g1)]));
        Assert.Equal(leader.Learner.Parameters.ToArray(), ExpectMsg<ParametersAdvanced>().Parameters.Sampler.Center.ToArray());
    }

    [Fact]
    public void Replica_WhoseChecksumDisagrees_Should_AskForTheWholeState()
    {
        var (leader, head, replica) = Start();
        GenerationReport g0 = leader.RunGeneration();
        EventFilter.Warning(contains: "disagrees with the checksum").ExpectOne(() =>
            replica.Tell(new GenerationPublished(g0.Update with { ParameterChecksum = g0.Update.ParameterChecksum ^ 1 }, 0, double.NaN)));
        Assert.Equal(-1, head.ExpectMsg<GetUpdates>().FromGeneration);
        head.Reply(new SnapshotReply(StateOf(leader, goalStreak: 1)));
        ParametersSnapshot reloaded = ExpectMsg<ParametersAdvanced>().Parameters;
        Assert.Equal(1, reloaded.Generation);
        Assert.Equal(leader.Learner.Parameters.ToArray(), reloaded.Sampler.Center.ToArray());
    }

    [Fact]
    public void Replica_Should_TellAStartingHeadHowFarItGot_AndWhetherItSawTheRunEnd()
    {
        TestProbe head = CreateTestProbe();
        IActorRef fresh = Replica(head);
        fresh.Tell(QueryReplicas.Instance, TestActor);
        Assert.Equal(new ReplicaState(-1, false), ExpectMsg<ReplicaState>()); // no state yet

        var (leader, _, replica) = Start();
        replica.Tell(Published(leader.RunGeneration()));
        ExpectMsg<ParametersAdvanced>();
        replica.Tell(QueryReplicas.Instance, TestActor);
        Assert.Equal(new ReplicaState(1, false), ExpectMsg<ReplicaState>());
        replica.Tell(new RunEnded("GenerationBudget"));
        replica.Tell(QueryReplicas.Instance, TestActor);
        Assert.Equal(new ReplicaState(1, true), ExpectMsg<ReplicaState>());
    }

    [Fact]
    public void Replica_Should_GiveItsWholeState_OnceItHasOne()
    {
        LocalTrainer leader = RunFixtures.Setup.CreateLocalTrainer(1);
        TestProbe head = CreateTestProbe();
        TestProbe asker = CreateTestProbe();
        IActorRef replica = Replica(head);
        head.ExpectMsg<GetUpdates>();
        replica.Tell(GetSnapshot.Instance, asker.Ref);
        asker.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // nothing to give yet: the question waits

        GenerationReport g0 = leader.RunGeneration();
        head.Send(replica, new SnapshotReply(StateOf(leader, goalStreak: 2)));
        Checkpoint given = asker.ExpectMsg<SnapshotReply>().Snapshot;
        replica.Tell(new GenerationPublished(leader.RunGeneration().Update, 3, 42.0));
        FishForMessage<ParametersAdvanced>(m => m.Parameters.Generation == 2);
        replica.Tell(GetSnapshot.Instance, asker.Ref);
        Checkpoint later = asker.ExpectMsg<SnapshotReply>().Snapshot;

        Assert.Equal((1L, 2, RunConfiguration), (given.Generation, given.GoalStreak, given.Configuration));
        Assert.Equal((2L, 3, 42.0, RunConfiguration), (later.Generation, later.GoalStreak, later.BestReturn, later.Configuration));
        Assert.Equal(leader.Learner.Parameters.ToArray(), later.Strategy.Center);
        _ = g0;
    }

    [Fact]
    public void Replica_WhoseSettingsCannotHoldTheRunsState_Should_GiveTheRunsStateToItsNode_AndStopAsking()
    {
        // A worker started with another es.run.seed: its node must learn the run's configuration to refuse itself
        // with the differing keys, instead of a replica that restarts and asks the head again without end.
        LocalTrainer leader = RunFixtures.Setup.CreateLocalTrainer(1);
        var other = RunFixtures.Settings with { Run = RunFixtures.Settings.Run with { Seed = 4 } };
        TestProbe head = CreateTestProbe();
        TestProbe node = CreateTestProbe();
        IActorRef replica = Sys.ActorOf(ParameterReplica.Props(head.Ref, Es.Core.Training.TrainingSetup.FromSettings(other).CreateLearner(), "CartPole-v1",
            TimeSpan.FromMilliseconds(300)));
        replica.Tell(GetSnapshot.Instance, node.Ref);
        Assert.Equal(-1, head.ExpectMsg<GetUpdates>().FromGeneration);
        Checkpoint run = StateOf(leader);
        EventFilter.Error(contains: "seed").ExpectOne(() => head.Reply(new SnapshotReply(run)));
        Assert.Same(run, node.ExpectMsg<SnapshotReply>().Snapshot);
        head.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }
}
