// Pins the TaskFeed actor: it asks the head for work only with parameters and one request at a time (again after 2 s unanswered), pairs tasks with their generation, and sends results back in batches.
using System.Diagnostics;
using Akka.TestKit;
using Es.Actors.Evolution;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Strategies;

namespace Es.Actors.Tests.Evolution;

public sealed class TaskFeedTests : Support.ActorTest
{
    /// <summary>A feed whose queue is drained by a <see cref="Support.QueueTap"/> into <paramref name="evaluators"/>, as a pool of <paramref name="size"/> evaluators would take its tasks.</summary>
    private IActorRef Feed(IActorRef head, TestProbe evaluators, IActorRef replica, int size, int perEvaluator = 2, TimeSpan lookahead = default, TimeSpan? linger = null)
    {
        var queue = new WorkQueue();
        Sys.ActorOf(Props.Create(() => new Support.QueueTap(queue, evaluators.Ref)));
        IActorRef pool = Sys.ActorOf(Props.Create(() => new Support.PoolStub(CreateTestProbe().Ref, size)));
        return Sys.ActorOf(TaskFeed.Props(head, pool, replica, queue, size, perEvaluator, lookahead, linger));
    }

    /// <summary>A head that hands out <paramref name="tasks"/> on request and shows <paramref name="probe"/> what it receives.</summary>
    private IActorRef Head(TestProbe probe, params EvaluationTask[] tasks) => Sys.ActorOf(Props.Create(() => new Support.HeadStub(tasks, probe.Ref)));

    private static EvaluationTask Task(long generation, int j) => new(generation, j, 10 * j, 7, false);

    private static ParametersSnapshot Parameters(long generation) =>
        new(generation, new PerturbationSampler(generation, [1f, 2f], Es.Core.Noise.NoiseTable.Create(1, 1024), 0.1f, 2), ObservationNormalizer.Identity(0));

    private static Evaluated Answer(Evaluate request, double seconds = 0.001) =>
        new(request.Delivery, new TaskResult(request.Delivery.Task.Generation, request.Delivery.Task.Task, 1, 2, 3, 4, null), seconds);

    /// <summary>Every message <paramref name="probe"/> receives within <paramref name="window"/>.</summary>
    private static List<object> Drain(TestProbe probe, TimeSpan window)
    {
        var seen = new List<object>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < window && probe.ReceiveOne(window - clock.Elapsed) is { } m) seen.Add(m);
        return seen;
    }

    [Fact]
    public void TaskFeed_Should_AskForWorkOnlyWithParameters_AndAskAgainAfterTwoSecondsWithoutAnswer()
    {
        TestProbe head = CreateTestProbe(); // a head that never answers (it died, or is moving)
        IActorRef feed = Feed(head.Ref, CreateTestProbe(), CreateTestProbe().Ref, size: 2, perEvaluator: 3);
        head.ExpectNoMsg(TimeSpan.FromMilliseconds(700)); // no parameters yet: nothing to evaluate with

        feed.Tell(new ParametersAdvanced(Parameters(0)));
        Assert.Equal(new RequestWork(6, 2), head.ExpectMsg<RequestWork>());
        var clock = Stopwatch.StartNew();
        // One request in flight: the feed's refresh ticks (every 500 ms) do not repeat it before 2 s.
        Assert.Equal(new RequestWork(6, 2), head.ExpectMsg<RequestWork>(TimeSpan.FromSeconds(5)));
        Assert.True(clock.Elapsed >= TaskFeed.AskAgainAfter - TimeSpan.FromMilliseconds(50), $"asked again after {clock.Elapsed}, before {TaskFeed.AskAgainAfter}");
    }

    [Fact]
    public void TaskFeed_Should_EvaluateTheBatchItGets_AndSendTheResultsInBatches()
    {
        TestProbe head = CreateTestProbe();
        TestProbe evaluators = CreateTestProbe();
        // A linger far longer than the test, so only the count and "nothing in hand" can release results.
        IActorRef feed = Feed(Head(head, Enumerable.Range(0, 8).Select(j => Task(0, j)).ToArray()), evaluators, CreateTestProbe().Ref, size: 1, perEvaluator: 8,
            linger: TimeSpan.FromMinutes(5));
        feed.Tell(new ParametersAdvanced(Parameters(0)));
        Assert.Equal(8, head.ExpectMsg<RequestWork>().Max);
        var requests = Enumerable.Range(0, 8).Select(_ => evaluators.ExpectMsg<Evaluate>()).ToList();
        Assert.Equal(Enumerable.Range(0, 8), requests.Select(r => r.Delivery.Task.Task));
        Assert.All(requests, r => Assert.Equal(0, r.Parameters.Generation));

        feed.Tell(Answer(requests[0])); // 7 in hand, 1 result: below a quarter of 8, so it waits
        Assert.DoesNotContain(Drain(head, TimeSpan.FromMilliseconds(300)), m => m is TaskResults);
        feed.Tell(Answer(requests[1])); // a quarter: both go out in one message
        Assert.Equal([0, 1], head.FishForMessage<TaskResults>(_ => true).Results.Select(r => r.Task));

        for (int i = 2; i < 8; i++) feed.Tell(Answer(requests[i])); // the last with nothing left in hand goes at once
        var batches = new List<TaskResults>();
        while (batches.Sum(b => b.Results.Count) < 6) batches.Add(head.FishForMessage<TaskResults>(_ => true));
        Assert.Equal(Enumerable.Range(2, 6), batches.SelectMany(b => b.Results).Select(r => r.Task));
        Assert.Equal(3, batches.Count);
    }

    [Fact]
    public void TaskFeed_Should_SendALoneResultAfterTheLinger_EvenWithTasksInHand()
    {
        TestProbe head = CreateTestProbe();
        TestProbe evaluators = CreateTestProbe();
        IActorRef feed = Feed(Head(head, Enumerable.Range(0, 8).Select(j => Task(0, j)).ToArray()), evaluators, CreateTestProbe().Ref, size: 1, perEvaluator: 8);
        feed.Tell(new ParametersAdvanced(Parameters(0)));
        var requests = Enumerable.Range(0, 8).Select(_ => evaluators.ExpectMsg<Evaluate>()).ToList();
        feed.Tell(Answer(requests[3]));
        Assert.Equal(3, Assert.Single(head.FishForMessage<TaskResults>(_ => true).Results).Task);
    }

    [Fact]
    public void TaskFeed_Should_EvaluateTasksOfItsGeneration_HoldLaterOnesUntilTheReplicaCatchesUp_AndDropStaleOnes()
    {
        TestProbe head = CreateTestProbe();
        TestProbe evaluators = CreateTestProbe();
        TestProbe replica = CreateTestProbe();
        IActorRef feed = Feed(Head(head, Task(3, 0), Task(4, 1), Task(1, 2)), evaluators, replica.Ref, size: 2);
        replica.ExpectMsg<SubscribeParameters>();
        feed.Tell(new ParametersAdvanced(Parameters(3)));
        Evaluate first = evaluators.ExpectMsg<Evaluate>();
        Assert.Equal((3L, 3L), (first.Delivery.Task.Generation, first.Parameters.Generation));
        // The task of generation 4 tells the replica it missed an update; the one of generation 1 is dropped.
        Assert.Equal(4, replica.ExpectMsg<ParameterReplica.CatchUp>().Generation);
        evaluators.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        feed.Tell(new ParametersAdvanced(Parameters(4)));
        Evaluate second = evaluators.ExpectMsg<Evaluate>();
        Assert.Equal((4L, 4L), (second.Delivery.Task.Generation, second.Parameters.Generation));
        evaluators.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void TaskFeed_Should_StillEvaluateTheGenerationBefore_WithItsOwnParameters()
    {
        // A head that took over may still be finishing the generation the replica has just left.
        TestProbe head = CreateTestProbe();
        TestProbe evaluators = CreateTestProbe();
        IActorRef feed = Feed(head.Ref, evaluators, CreateTestProbe().Ref, size: 1);
        feed.Tell(new ParametersAdvanced(Parameters(3)));
        feed.Tell(new ParametersAdvanced(Parameters(4)));
        head.ExpectMsg<RequestWork>();
        head.Reply(new WorkBatch([Task(3, 5)]));
        Evaluate request = evaluators.ExpectMsg<Evaluate>();
        Assert.Equal((3L, 3L), (request.Delivery.Task.Generation, request.Parameters.Generation));
    }

    [Fact]
    public void TaskFeed_Should_RouteAnAbandonedTaskAgain()
    {
        TestProbe evaluators = CreateTestProbe();
        IActorRef feed = Feed(Head(CreateTestProbe(), Task(0, 1)), evaluators, CreateTestProbe().Ref, size: 1);
        feed.Tell(new ParametersAdvanced(Parameters(0)));
        Evaluate request = evaluators.ExpectMsg<Evaluate>();
        evaluators.Reply(new EvaluationAbandoned(request.Delivery, "boom"));
        Assert.Equal(request.Delivery, evaluators.ExpectMsg<Evaluate>().Delivery);
    }

    [Theory]
    [InlineData(0.001, 10)] // 1 ms tasks, 10 ms lookahead: 10 per evaluator
    [InlineData(1.0, 3)] // slow tasks: 2 per evaluator, so nothing more is asked for while 3 are held
    public void TaskFeed_WithALookahead_Should_HoldAboutThatMuchWork_OnceItKnowsTheTaskTime(double taskSeconds, int expectedHeld)
    {
        TestProbe evaluators = CreateTestProbe();
        IActorRef feed = Feed(Head(CreateTestProbe(), Enumerable.Range(0, 40).Select(j => Task(0, j)).ToArray()), evaluators, CreateTestProbe().Ref, size: 1,
            perEvaluator: 4, lookahead: TimeSpan.FromMilliseconds(10));
        feed.Tell(new ParametersAdvanced(Parameters(0)));
        var held = new List<Evaluate>();
        for (int i = 0; i < 4; i++) held.Add(evaluators.ExpectMsg<Evaluate>()); // the initial count
        evaluators.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Evaluate done = held[0];
        held.RemoveAt(0);
        evaluators.Send(feed, Answer(done, taskSeconds));
        while (held.Count < expectedHeld) held.Add(evaluators.ExpectMsg<Evaluate>());
        evaluators.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(expectedHeld, held.Count);
    }

    [Fact]
    public void TaskFeed_Should_GiveBackTheTasksItHasNotStarted_WhenTheHeadAsks()
    {
        var queue = new WorkQueue(); // no evaluator takes from it: every task stays unstarted
        IActorRef pool = Sys.ActorOf(Props.Create(() => new Support.PoolStub(CreateTestProbe().Ref, 1)));
        TestProbe head = CreateTestProbe();
        IActorRef feed = Sys.ActorOf(TaskFeed.Props(Head(head, Enumerable.Range(0, 6).Select(j => Task(0, j)).ToArray()), pool, CreateTestProbe().Ref, queue, 1, 6,
            TimeSpan.Zero));
        feed.Tell(new ParametersAdvanced(Parameters(0)));
        AwaitCondition(() => queue.Count == 6);

        TestProbe coordinator = CreateTestProbe();
        coordinator.Send(feed, new ReturnTasks(0, 4));
        TasksReturned returned = coordinator.ExpectMsg<TasksReturned>();
        Assert.Equal(0, returned.Generation);
        Assert.Equal([5, 4, 3, 2], returned.Tasks);
        Assert.Equal(2, queue.Count);
        Assert.True(queue.TakeOrPark(TestActor, out var next));
        Assert.Equal(0, next.Request.Delivery.Task.Task);

        coordinator.Send(feed, new ReturnTasks(1, 4)); // nothing of that generation: an empty answer, never silence
        Assert.Empty(coordinator.ExpectMsg<TasksReturned>().Tasks);
    }

    [Fact]
    public void TaskFeed_Should_QueueATaskAgain_WhenItWasToldToAnEvaluatorThatHadJustStopped()
    {
        var queue = new WorkQueue();
        // An evaluator parked in the queue and stopped before it could unpark itself: the race a dead letter covers.
        TestProbe stopped = CreateTestProbe();
        Assert.False(queue.TakeOrPark(stopped.Ref, out _));
        Watch(stopped.Ref);
        Sys.Stop(stopped.Ref);
        ExpectTerminated(stopped.Ref);
        IActorRef pool = Sys.ActorOf(Props.Create(() => new Support.PoolStub(CreateTestProbe().Ref, 1)));
        IActorRef feed = Sys.ActorOf(TaskFeed.Props(Head(CreateTestProbe(), Task(0, 4)), pool, CreateTestProbe().Ref, queue, 1, 2, TimeSpan.Zero));
        feed.Tell(new ParametersAdvanced(Parameters(0)));

        AwaitCondition(() => queue.Count == 1); // told to the stopped evaluator, a dead letter, queued again
        Assert.True(queue.TakeOrPark(TestActor, out var next));
        Assert.Equal(4, next.Request.Delivery.Task.Task);
        Assert.Equal(feed, next.ReplyTo);
    }
}
