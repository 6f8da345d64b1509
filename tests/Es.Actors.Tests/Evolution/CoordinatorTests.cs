// Pins the Coordinator actor: it re-issues overdue tasks, and a goal reached stops the run with the parameters that met it.
using Akka.TestKit;
using Es.Actors.Evolution;
using Es.Actors.Fabric;
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Training;

namespace Es.Actors.Tests.Evolution;

public sealed class CoordinatorTests : Support.ActorTest
{
    [Fact]
    public void Coordinator_Should_ReissueTheTasksThatHaveNoResultAfterTheTimeout()
    {
        TrainingSetup setup = RunFixtures.Setup;
        var fabric = new InMemoryFabric();
        int tasks = setup.CreateLearner().Tasks().Count;
        Props aggregator = Aggregator.Props(fabric, setup.CreateLearner(), null, null, "CartPole-v1", "", 0);
        var completion = new TaskCompletionSource<RunOutcome>();
        Sys.ActorOf(Coordinator.Props(fabric, aggregator, new StopRule(setup.Settings.Run), TimeSpan.FromMilliseconds(300), null, completion, null));
        AwaitCondition(() => fabric.QueuedTasks >= tasks);
        // Nobody evaluates them, so after each timeout the whole generation is published again.
        AwaitCondition(() => fabric.QueuedTasks >= 2 * tasks, TimeSpan.FromSeconds(5));
        Assert.Equal(0, fabric.QueuedTasks % tasks);
    }

    [Fact]
    public async Task Run_Should_StopOnTheGoal_KeepingTheParametersThatMetIt()
    {
        EsSettings settings = RunFixtures.Settings;
        settings = settings with { Run = settings.Run with { GoalReturn = 0.0, MaxGenerations = 50 }, Evaluation = settings.Evaluation with { Every = 1 } };
        RunOutcome outcome = await SingleProcessRun.RunAsync(new RunOptions(settings) { Evaluators = 2 });
        Assert.Equal(StopReason.Goal, outcome.Reason);
        Assert.Equal(0, outcome.Generation);
        Assert.Equal(TrainingSetup.FromSettings(settings).InitialParameters(), outcome.Parameters);
    }
}
