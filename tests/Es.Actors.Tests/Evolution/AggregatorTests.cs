// Pins the Aggregator actor: results in any order and duplicated give one complete generation; applying it publishes the update; it publishes its state again only when told.
using Akka.TestKit;
using Es.Actors.Evolution;
using Es.Actors.Fabric;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Tests.Evolution;

public sealed class AggregatorTests : Support.ActorTest
{
    [Fact]
    public async Task Aggregator_Should_AssembleOutOfOrderAndDuplicatedResults_ThenApplyTheLibraryLoopsUpdate()
    {
        TrainingSetup setup = RunFixtures.Setup;
        var fabric = new InMemoryFabric();
        TestProbe coordinator = CreateTestProbe();
        Props props = Aggregator.Props(fabric, setup.CreateLearner(), null, null, "CartPole-v1", "", checkpointEvery: 0);
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Support.ParentProbe(props, coordinator.Ref)));

        GenerationPlanned planned = coordinator.ExpectMsg<GenerationPlanned>();
        Assert.Equal(0, planned.Generation);
        PairEvaluator evaluator = setup.CreateEvaluator();
        Learner reference = setup.CreateLearner();
        TaskResult[] results = planned.Tasks.Select(t => evaluator.Evaluate(reference.Strategy.Sampler(), reference.Normalizer, t)).ToArray();

        int half = results.Length / 2;
        foreach (TaskResult r in results.Take(half).Reverse()) await fabric.PublishResultAsync(r);
        await fabric.PublishResultAsync(results[0] with { Generation = 7 }); // stale or foreign: ignored
        await Task.Delay(200);
        parent.Tell(new GetMissingTasks(0), coordinator.Ref);
        Assert.Equal(Enumerable.Range(half, results.Length - half), coordinator.ExpectMsg<MissingTasks>().Tasks);

        foreach (TaskResult r in results.Reverse()) await fabric.PublishResultAsync(r); // duplicates of the first half
        Assert.Equal(0, coordinator.ExpectMsg<GenerationAssembled>().Generation);
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        parent.Tell(new ApplyGeneration(0, 0, 0), coordinator.Ref);
        // Applying a generation is answered by the next one's plan, and by nothing else.
        Assert.Equal(1, coordinator.ExpectMsg<GenerationPlanned>().Generation);
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        LocalTrainer trainer = setup.CreateLocalTrainer(1);
        GenerationReport expected = trainer.RunGeneration();
        GenerationUpdate published = Assert.Single(await fabric.ReadGenerationsAsync(0, 10, TimeSpan.Zero));
        Assert.Equal(expected.Update.ParameterChecksum, published.ParameterChecksum);
    }

    [Fact]
    public void Aggregator_Should_AnswerWhichTasksAreMissing_AndPublishItsStateAgainOnlyWhenToldToRepublish()
    {
        TrainingSetup setup = RunFixtures.Setup;
        var fabric = new Support.CountingFabric(new InMemoryFabric());
        TestProbe coordinator = CreateTestProbe();
        Props props = Aggregator.Props(fabric, setup.CreateLearner(), null, null, "CartPole-v1", "", checkpointEvery: 0);
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Support.ParentProbe(props, coordinator.Ref)));
        int tasks = coordinator.ExpectMsg<GenerationPlanned>().Tasks.Count;
        Assert.Equal(1, fabric.Snapshots); // the one it starts with

        parent.Tell(new GetMissingTasks(0), coordinator.Ref);
        Assert.Equal(tasks, coordinator.ExpectMsg<MissingTasks>().Tasks.Count);
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, fabric.Snapshots); // a question has no side effect

        parent.Tell(Republish.Instance, coordinator.Ref);
        AwaitCondition(() => fabric.Snapshots == 2);
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
