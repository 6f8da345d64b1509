// Pins the Coordinator actor with probes as task feeds and replicas: it serves each request for work once, gives a stopped feed's and overdue tasks to others, reads only its generation's results, continues a run from the most advanced replica, never one that has ended, and stops on the goal.
using Akka.TestKit;
using Es.Actors.Evolution;
using Es.Actors.Hosting;
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Tests.Evolution;

public sealed class CoordinatorTests : Support.ActorTest
{
    private readonly TrainingSetup _setup = RunFixtures.Setup;
    private readonly PairEvaluator _evaluator;
    private readonly int _tasks;

    public CoordinatorTests()
    {
        _evaluator = _setup.CreateEvaluator();
        _tasks = _setup.CreateLearner().Tasks().Count;
    }

    private (IActorRef Coordinator, TaskCompletionSource<RunOutcome> Done) StartHead(RunOptions? options = null, TimeSpan takeOverWait = default)
    {
        var done = new TaskCompletionSource<RunOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var plan = new RunPlan(options ?? new RunOptions(RunFixtures.Settings));
        return (Sys.ActorOf(Coordinator.Props(new HeadSetup(plan, done, null, takeOverWait)), "coordinator"), done);
    }

    private static IReadOnlyList<EvaluationTask> Ask(TestProbe feed, IActorRef coordinator, int max)
    {
        feed.Send(coordinator, new RequestWork(max, 1));
        return feed.ExpectMsg<WorkBatch>().Tasks;
    }

    private TaskResult[] Evaluate(Learner learner, IEnumerable<EvaluationTask> tasks) =>
        tasks.Select(t => _evaluator.Evaluate(learner.Strategy.Sampler(), learner.Normalizer, t)).ToArray();

    private TestProbe Topic(params Type[] types)
    {
        TestProbe topic = CreateTestProbe();
        foreach (Type type in types) Sys.EventStream.Subscribe(topic.Ref, type);
        return topic;
    }

    [Fact]
    public void Coordinator_Should_AnswerEachRequestWithOneBatch_OfAtMostTheTasksAskedFor()
    {
        var (coordinator, _) = StartHead();
        TestProbe a = CreateTestProbe(), b = CreateTestProbe();
        IReadOnlyList<EvaluationTask> first = Ask(a, coordinator, 3);
        Assert.Equal([0, 1, 2], first.Select(t => t.Task));
        Assert.All(first, t => Assert.Equal(0, t.Generation));
        IReadOnlyList<EvaluationTask> rest = Ask(b, coordinator, 1000);
        Assert.Equal(Enumerable.Range(3, _tasks - 3), rest.Select(t => t.Task));
        a.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // its request was answered: nothing more until it asks
        b.Send(coordinator, new RequestWork(5, 1));
        b.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // nothing left to hand out: the request waits
    }

    [Fact]
    public void Coordinator_Should_AskTheBusiestFeedForUnstartedTasks_WhenAFeedWithNothingAsks_AndGiveThemToIt()
    {
        var (coordinator, _) = StartHead();
        TestProbe busy = CreateTestProbe(), idle = CreateTestProbe(), other = CreateTestProbe();
        IReadOnlyList<EvaluationTask> all = Ask(busy, coordinator, 1000);
        Assert.Equal(_tasks, all.Count);
        other.Send(coordinator, new RequestWork(0, 1)); // asked for nothing: holds nothing, never asked to give back, given nothing
        other.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        idle.Send(coordinator, new RequestWork(3, 1));
        ReturnTasks ask = busy.ExpectMsg<ReturnTasks>();
        Assert.Equal(new ReturnTasks(0, Math.Min(3, _tasks / 2)), ask);
        int[] back = all.TakeLast(ask.Max).Select(t => t.Task).Reverse().ToArray();
        busy.Reply(new TasksReturned(0, back));
        Assert.Equal(back.Order(), idle.ExpectMsg<WorkBatch>().Tasks.Select(t => t.Task).Order());
        other.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        busy.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // it still holds the rest; nobody idle asks
    }

    [Fact]
    public void Coordinator_Should_NotAskForTasksBack_ForAFeedThatStillHoldsSome()
    {
        var (coordinator, _) = StartHead();
        TestProbe a = CreateTestProbe(), b = CreateTestProbe();
        Ask(a, coordinator, _tasks - 2);
        Ask(b, coordinator, 2);
        b.Send(coordinator, new RequestWork(5, 1)); // b still holds its two: the generation's end is not its problem yet
        a.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        b.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Coordinator_Should_GiveTheTasksOfAFeedThatStopped_ToAnotherFeed()
    {
        var (coordinator, _) = StartHead();
        TestProbe doomed = CreateTestProbe(), steady = CreateTestProbe();
        IReadOnlyList<EvaluationTask> lost = Ask(doomed, coordinator, 3);
        Ask(steady, coordinator, _tasks - 3);
        steady.Send(coordinator, new RequestWork(10, 1));
        steady.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Sys.Stop(doomed.Ref); // the coordinator watches every feed that asked
        Assert.Equal(lost, steady.ExpectMsg<WorkBatch>().Tasks);
    }

    [Fact]
    public void Coordinator_Should_IssueTasksAgain_WhenTheyHaveNoResultAfterTheTaskTimeout()
    {
        var (coordinator, _) = StartHead(new RunOptions(RunFixtures.Settings) { TaskTimeout = TimeSpan.FromMilliseconds(300) });
        TestProbe feed = CreateTestProbe();
        IReadOnlyList<EvaluationTask> issued = Ask(feed, coordinator, 1000);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TaskResult[] some = Evaluate(_setup.CreateLearner(), issued.Take(2));
        feed.Send(coordinator, new TaskResults(some));
        // Nobody answered the others: after the timeout they go out again (to whoever asks), the finished ones not.
        Assert.Equal(issued.Skip(2), Ask(feed, coordinator, 1000));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"re-issued after {clock.Elapsed}");
    }

    [Fact]
    public void Coordinator_Should_NotHandOutAnOverdueTask_WhoseResultCameInBeforeAnotherFeedAsked()
    {
        var recorder = new Support.MetricsRecorder();
        var (coordinator, _) = StartHead(new RunOptions(RunFixtures.Settings) { TaskTimeout = TimeSpan.FromMilliseconds(300), Observer = recorder });
        TestProbe slow = CreateTestProbe(), other = CreateTestProbe();
        IReadOnlyList<EvaluationTask> issued = Ask(slow, coordinator, 1000);
        AwaitCondition(() => recorder.Events.Any(e => e.Contains("re-issuing", StringComparison.Ordinal)));
        // The slow feed's first two results come in after their tasks went back in line, before anyone asked for them.
        slow.Send(coordinator, new TaskResults(Evaluate(_setup.CreateLearner(), issued.Take(2))));
        Assert.Equal(issued.Skip(2), Ask(other, coordinator, 1000));
    }

    [Fact]
    public void Coordinator_Should_IgnoreResultsOfAnotherGeneration_AndPublishTheLibraryLoopsUpdateOnceItsOwnAreIn()
    {
        TestProbe topic = Topic(typeof(GenerationPublished));
        var (coordinator, _) = StartHead();
        TestProbe feed = CreateTestProbe();
        IReadOnlyList<EvaluationTask> tasks = Ask(feed, coordinator, 1000);
        TaskResult[] results = Evaluate(_setup.CreateLearner(), tasks);
        feed.Send(coordinator, new TaskResults(results.Select(r => r with { Generation = 7 }).ToArray()));
        topic.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        feed.Send(coordinator, new TaskResults(results));
        GenerationReport expected = _setup.CreateLocalTrainer(1).RunGeneration();
        Assert.Equal(expected.Update.ParameterChecksum, topic.ExpectMsg<GenerationPublished>().Update.ParameterChecksum);
        Assert.All(Ask(feed, coordinator, 1000), t => Assert.Equal(1, t.Generation));
    }

    [Fact]
    public async Task Coordinator_TakingOver_Should_ContinueFromTheMostAdvancedReplica_WithTheRunsOwnBudget()
    {
        // The run's first head had a budget of 4 generations; this one's own settings say 10: the run's configuration wins.
        EsSettings mine = RunFixtures.Settings with { Run = RunFixtures.Settings.Run with { MaxGenerations = 10 } };
        LocalTrainer leader = _setup.CreateLocalTrainer(1);
        leader.RunGeneration();
        leader.RunGeneration();
        Checkpoint atTwo = leader.Learner.ToCheckpoint("CartPole-v1", double.NaN, RunFixtures.Settings.ToHocon());
        TestProbe behind = Topic(typeof(QueryReplicas)), ahead = Topic(typeof(QueryReplicas));
        TestProbe topic = Topic(typeof(GenerationPublished));

        var (coordinator, done) = StartHead(new RunOptions(mine), TimeSpan.FromMilliseconds(500));
        behind.ExpectMsg<QueryReplicas>();
        ahead.ExpectMsg<QueryReplicas>();
        behind.Send(coordinator, new ReplicaState(1, false));
        ahead.Send(coordinator, new ReplicaState(2, false));
        ahead.ExpectMsg<GetSnapshot>(TimeSpan.FromSeconds(3));
        ahead.Reply(new SnapshotReply(atTwo));
        behind.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // only the most advanced is asked

        TestProbe feed = CreateTestProbe();
        Learner reference = _setup.CreateLearner();
        reference.Restore(atTwo);
        while (!done.Task.IsCompleted)
        {
            IReadOnlyList<EvaluationTask> tasks = Ask(feed, coordinator, 1000);
            Assert.All(tasks, t => Assert.Equal(reference.Generation, t.Generation));
            feed.Send(coordinator, new TaskResults(Evaluate(reference, tasks)));
            Assert.True(reference.Apply(topic.ExpectMsg<GenerationPublished>().Update));
            if (reference.Generation == 4) break;
        }
        RunOutcome outcome = await done.Task.WaitAsync(Dilated(TimeSpan.FromSeconds(5)));
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(4, outcome.Generation);
        Assert.Equal(RunFixtures.Expected(), outcome.Parameters);
    }

    [Fact]
    public async Task Coordinator_TakingOver_Should_NotContinueARunAReplicaSawEnd()
    {
        TestProbe replica = Topic(typeof(QueryReplicas));
        TestProbe ended = Topic(typeof(RunEnded));
        var (coordinator, done) = StartHead(takeOverWait: TimeSpan.FromMilliseconds(300));
        Watch(coordinator);
        replica.ExpectMsg<QueryReplicas>();
        replica.Send(coordinator, new ReplicaState(3, true));
        TestProbe feed = CreateTestProbe();
        feed.Send(coordinator, new RequestWork(10, 1));

        ended.ExpectMsg<RunEnded>();
        ExpectTerminated(coordinator);
        feed.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        replica.ExpectNoMsg(TimeSpan.Zero); // it was not asked for its state
        Assert.Equal(StopReason.Failed, (await done.Task).Reason);
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
