// Pins the Aggregator actor: results in any order and duplicated give one complete generation with the library loop's update, published on the run's topic; it keeps the recent updates for replicas that missed some, and sends its whole state to new or far-behind ones.
using Akka.TestKit;
using Es.Actors.Evolution;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Tests.Evolution;

public sealed class AggregatorTests : Support.ActorTest
{
    private readonly TrainingSetup _setup = RunFixtures.Setup;
    private readonly PairEvaluator _evaluator;
    private readonly Learner _reference; // follows the published updates, to evaluate each generation as a node would

    public AggregatorTests()
    {
        _evaluator = _setup.CreateEvaluator();
        _reference = _setup.CreateLearner();
    }

    /// <summary>An aggregator under a parent whose messages up reach <paramref name="coordinator"/>; the run's topic (the event stream here) reaches <paramref name="topic"/>.</summary>
    private IActorRef Start(TestProbe coordinator, TestProbe topic, Learner? learner = null, int maxUpdatesPerReply = 16)
    {
        Sys.EventStream.Subscribe(topic.Ref, typeof(GenerationPublished));
        Props props = Aggregator.Props(learner ?? _setup.CreateLearner(), null, null, "CartPole-v1", RunFixtures.Settings.ToHocon(), checkpointEvery: 0,
            maxUpdatesPerReply: maxUpdatesPerReply);
        return Sys.ActorOf(Props.Create(() => new Support.ParentProbe(props, coordinator.Ref)));
    }

    private TaskResult[] Evaluate(GenerationPlanned planned) =>
        planned.Tasks.Select(t => _evaluator.Evaluate(_reference.Strategy.Sampler(), _reference.Normalizer, t)).ToArray();

    /// <summary>Completes the planned generation: all results in, applied; returns what was published.</summary>
    private GenerationPublished Complete(IActorRef parent, TestProbe coordinator, TestProbe topic, GenerationPlanned planned)
    {
        parent.Tell(new TaskResults(Evaluate(planned)));
        Assert.Equal(planned.Generation, coordinator.ExpectMsg<GenerationAssembled>().Generation);
        parent.Tell(new ApplyGeneration(planned.Generation, 0, 0, 1, 1), coordinator.Ref);
        GenerationPublished published = topic.ExpectMsg<GenerationPublished>();
        Assert.True(_reference.Apply(published.Update));
        return published;
    }

    [Fact]
    public void Aggregator_Should_AssembleOutOfOrderAndDuplicatedResults_ThenPublishTheLibraryLoopsUpdate()
    {
        TestProbe coordinator = CreateTestProbe();
        TestProbe topic = CreateTestProbe();
        IActorRef parent = Start(coordinator, topic);
        GenerationPlanned planned = coordinator.ExpectMsg<GenerationPlanned>();
        Assert.Equal(0, planned.Generation);
        TaskResult[] results = Evaluate(planned);

        int half = results.Length / 2;
        parent.Tell(new TaskResults(results.Take(half).Reverse().ToArray()));
        parent.Tell(new TaskResults([results[^1] with { Generation = 7 }])); // another generation's: ignored
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        parent.Tell(new TaskResults(results.Reverse().ToArray())); // with duplicates of the first half
        Assert.Equal(0, coordinator.ExpectMsg<GenerationAssembled>().Generation);
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        topic.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // nothing is published before the coordinator says so

        parent.Tell(new ApplyGeneration(0, 0, 0, 1, 1), coordinator.Ref);
        // Applying a generation is answered by the next one's plan, and by nothing else.
        Assert.Equal(1, coordinator.ExpectMsg<GenerationPlanned>().Generation);
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        GenerationReport expected = _setup.CreateLocalTrainer(1).RunGeneration();
        Assert.Equal(expected.Update.ParameterChecksum, topic.ExpectMsg<GenerationPublished>().Update.ParameterChecksum);
    }

    [Fact]
    public void Aggregator_Should_AnswerAReplicaThatMissedUpdates_WithTheKeptOnes_AtMostAsManyAsAReplyHolds()
    {
        TestProbe coordinator = CreateTestProbe();
        TestProbe topic = CreateTestProbe();
        IActorRef parent = Start(coordinator, topic, maxUpdatesPerReply: 2);
        GenerationPublished g0 = Complete(parent, coordinator, topic, coordinator.ExpectMsg<GenerationPlanned>());
        GenerationPublished g1 = Complete(parent, coordinator, topic, coordinator.ExpectMsg<GenerationPlanned>());
        GenerationPublished g2 = Complete(parent, coordinator, topic, coordinator.ExpectMsg<GenerationPlanned>());

        parent.Tell(new GetUpdates(1), TestActor);
        Assert.Equal([g1, g2], ExpectMsg<UpdatesReply>().Updates);
        parent.Tell(new GetUpdates(0), TestActor);
        Assert.Equal([g0, g1], ExpectMsg<UpdatesReply>().Updates); // two per reply: the replica asks again for the rest
        parent.Tell(new GetUpdates(3), TestActor);
        Assert.Empty(ExpectMsg<UpdatesReply>().Updates); // up to date
    }

    [Fact]
    public void Aggregator_Should_SendItsWholeState_ToANewReplica_AndToOneOlderThanItsKeptUpdates()
    {
        // An aggregator that continues a run at generation 2 (a resumed or taken-over head) keeps no update before it.
        LocalTrainer leader = _setup.CreateLocalTrainer(1);
        leader.RunGeneration();
        leader.RunGeneration();
        Learner learner = _setup.CreateLearner();
        learner.Restore(leader.Learner.ToCheckpoint("CartPole-v1", double.NaN, RunFixtures.Settings.ToHocon()));
        TestProbe coordinator = CreateTestProbe();
        IActorRef parent = Start(coordinator, CreateTestProbe(), learner);
        Assert.Equal(2, coordinator.ExpectMsg<GenerationPlanned>().Generation);

        parent.Tell(new GetUpdates(-1), TestActor);
        var snapshot = ExpectMsg<SnapshotReply>().Snapshot;
        Assert.Equal(2, snapshot.Generation);
        Assert.Equal(leader.Learner.Parameters.ToArray(), snapshot.Strategy.Center);
        Assert.Equal(RunFixtures.Settings.ToHocon(), snapshot.Configuration);
        parent.Tell(new GetUpdates(1), TestActor);
        Assert.Equal(2, ExpectMsg<SnapshotReply>().Snapshot.Generation);
        parent.Tell(new GetUpdates(2), TestActor);
        Assert.Empty(ExpectMsg<UpdatesReply>().Updates);
    }

    [Fact]
    public void Aggregator_Should_PublishTheLastUpdateAgain_OnlyWhenToldToRepublish()
    {
        TestProbe coordinator = CreateTestProbe();
        TestProbe topic = CreateTestProbe();
        IActorRef parent = Start(coordinator, topic);
        parent.Tell(Republish.Instance, coordinator.Ref);
        topic.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // nothing to publish yet

        GenerationPublished g0 = Complete(parent, coordinator, topic, coordinator.ExpectMsg<GenerationPlanned>());
        Assert.Equal(1, coordinator.ExpectMsg<GenerationPlanned>().Generation);
        topic.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        parent.Tell(Republish.Instance, coordinator.Ref);
        Assert.Equal(g0, topic.ExpectMsg<GenerationPublished>());
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
