// Pins the TaskFeed actor on its one dispatch path (tasks into the node's WorkQueue, which the evaluators pull from): no work before parameters, tasks paired with their generation, results published then acknowledged.
using Akka.TestKit;
using Es.Actors.Evolution;
using Es.Actors.Fabric;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Strategies;

namespace Es.Actors.Tests.Evolution;

public sealed class TaskFeedTests : Support.ActorTest
{
    /// <summary>A feed whose queue is drained by a <see cref="Support.QueueTap"/> into <paramref name="evaluators"/>, as a pool of <paramref name="size"/> evaluators would take its tasks.</summary>
    private IActorRef Feed(IFabric fabric, TestProbe evaluators, IActorRef replica, int size, int perEvaluator = 2, TimeSpan lookahead = default, TimeSpan? linger = null)
    {
        var queue = new WorkQueue();
        Sys.ActorOf(Props.Create(() => new Support.QueueTap(queue, evaluators.Ref)));
        IActorRef pool = Sys.ActorOf(Props.Create(() => new Support.PoolStub(CreateTestProbe().Ref, size)));
        return Sys.ActorOf(TaskFeed.Props(fabric, pool, replica, queue, "node-1", "worker", size, perEvaluator, lookahead, linger));
    }

    private static EvaluationTask Task(long generation, int j) => new(generation, j, 10 * j, 7, false);

    private static ParametersSnapshot Parameters(long generation) =>
        new(generation, new PerturbationSampler(generation, [1f, 2f], Es.Core.Noise.NoiseTable.Create(1, 1024), 0.1f, 2), ObservationNormalizer.Identity(0));

    [Fact]
    public async Task TaskFeed_Should_SendTasksOfTheReplicasGeneration_HoldLaterOnes_AndDropStaleOnes()
    {
        var fabric = new InMemoryFabric();
        TestProbe pool = CreateTestProbe(); // the evaluators
        TestProbe replica = CreateTestProbe();
        IActorRef feed = Feed(fabric, pool, replica.Ref, 2);
        replica.ExpectMsg<SubscribeParameters>();
        await fabric.PublishTasksAsync([Task(3, 0), Task(4, 1), Task(2, 2)]);
        pool.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // no parameters yet: nothing is claimed

        feed.Tell(new ParametersAdvanced(Parameters(3)));
        Evaluate first = pool.ExpectMsg<Evaluate>(m => m is not null);
        Assert.Equal(3, first.Delivery.Task.Generation);
        Assert.Equal(3, first.Parameters.Generation);
        pool.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // generation 4 waits, generation 2 is dropped

        feed.Tell(new ParametersAdvanced(Parameters(4)));
        Evaluate second = pool.ExpectMsg<Evaluate>(m => m is not null);
        Assert.Equal(4, second.Delivery.Task.Generation);
    }

    [Fact]
    public async Task TaskFeed_Should_AcknowledgeAnOlderTask_WhenTheReplicaFindsTheHeadPastIt()
    {
        var fabric = new InMemoryFabric(claimTimeout: TimeSpan.FromMilliseconds(200));
        TestProbe pool = CreateTestProbe(); // the evaluators
        TestProbe replica = CreateTestProbe();
        IActorRef feed = Feed(fabric, pool, replica.Ref, 1);
        replica.ExpectMsg<SubscribeParameters>();
        feed.Tell(new ParametersAdvanced(Parameters(5)));
        await fabric.PublishTasksAsync([Task(3, 0)]); // a duplicate of a finished generation
        Assert.Equal(3, replica.ExpectMsg<CheckHead>().Generation);
        replica.Reply(new HeadChecked(3, false));
        pool.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        // Acknowledged: not handed out again after the claim timeout.
        Assert.Empty(await fabric.ClaimTasksAsync("other", 10, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task TaskFeed_Should_EvaluateAnOlderTask_WhenTheReplicaWentBackToTheHeadsGeneration()
    {
        var fabric = new InMemoryFabric();
        TestProbe pool = CreateTestProbe(); // the evaluators
        TestProbe replica = CreateTestProbe();
        IActorRef feed = Feed(fabric, pool, replica.Ref, 2);
        replica.ExpectMsg<SubscribeParameters>();
        feed.Tell(new ParametersAdvanced(Parameters(5)));
        await fabric.PublishTasksAsync([Task(3, 0)]); // a head that resumed at generation 3
        Assert.Equal(3, replica.ExpectMsg<CheckHead>().Generation);
        pool.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        feed.Tell(new ParametersAdvanced(Parameters(3)), replica.Ref); // the replica rolled back ...
        feed.Tell(new HeadChecked(3, true), replica.Ref); // ... and says so
        Evaluate request = pool.ExpectMsg<Evaluate>(m => m is not null);
        Assert.Equal(3, request.Delivery.Task.Generation);
        Assert.Equal(3, request.Parameters.Generation);
    }

    [Fact]
    public async Task TaskFeed_Should_PublishEachResult_AndThenAcknowledgeItsTask()
    {
        var fabric = new InMemoryFabric(claimTimeout: TimeSpan.FromMilliseconds(200));
        TestProbe pool = CreateTestProbe(); // the evaluators
        TestProbe replica = CreateTestProbe();
        IActorRef feed = Feed(fabric, pool, replica.Ref, 1);
        feed.Tell(new ParametersAdvanced(Parameters(0)));
        await fabric.PublishTasksAsync([Task(0, 5)]);
        Evaluate request = pool.ExpectMsg<Evaluate>(m => m is not null);
        pool.Reply(new Evaluated(request.Delivery, new TaskResult(0, 5, 1.5, -2.5, 10, 12, null)));

        await AwaitConditionAsync(async () => (await fabric.ReadResultsAsync(null, 10, TimeSpan.Zero)).Results.Count == 1);
        // Acknowledged: the task is not handed out again after the claim timeout.
        await System.Threading.Tasks.Task.Delay(400);
        Assert.Empty(await fabric.ClaimTasksAsync("other", 10, TimeSpan.Zero));
    }

    [Fact]
    public async Task TaskFeed_Should_RouteAnAbandonedTaskAgain()
    {
        var fabric = new InMemoryFabric();
        TestProbe pool = CreateTestProbe(); // the evaluators
        IActorRef feed = Feed(fabric, pool, CreateTestProbe().Ref, 1);
        feed.Tell(new ParametersAdvanced(Parameters(0)));
        await fabric.PublishTasksAsync([Task(0, 1)]);
        Evaluate request = pool.ExpectMsg<Evaluate>(m => m is not null);
        pool.Reply(new EvaluationAbandoned(request.Delivery, "boom"));
        Assert.Equal(request.Delivery, pool.ExpectMsg<Evaluate>(m => m is not null).Delivery);
    }

    [Theory]
    [InlineData(0.001, 10)] // 1 ms tasks, 10 ms lookahead: 10 per evaluator
    [InlineData(1.0, 3)] // slow tasks: 2 per evaluator, so nothing more is claimed while 3 are held
    public async Task TaskFeed_WithALookahead_Should_HoldAboutThatMuchWork_OnceItKnowsTheTaskTime(double taskSeconds, int expectedHeld)
    {
        var fabric = new InMemoryFabric();
        TestProbe pool = CreateTestProbe(); // the evaluators
        IActorRef feed = Feed(fabric, pool, CreateTestProbe().Ref, 1, perEvaluator: 4, lookahead: TimeSpan.FromMilliseconds(10));
        feed.Tell(new ParametersAdvanced(Parameters(0)));
        await fabric.PublishTasksAsync(Enumerable.Range(0, 40).Select(j => Task(0, j)).ToArray());
        var held = new List<Evaluate>();
        for (int i = 0; i < 4; i++) held.Add(pool.ExpectMsg<Evaluate>(m => m is not null)); // the initial count
        pool.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Evaluate done = held[0];
        held.RemoveAt(0);
        pool.Send(feed, new Evaluated(done.Delivery, new TaskResult(0, done.Delivery.Task.Task, 1, 2, 3, 4, null), taskSeconds));
        while (held.Count < expectedHeld)
            held.Add(pool.ExpectMsg<Evaluate>(m => m is not null));
        pool.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(expectedHeld, held.Count);
    }

    [Fact]
    public async Task TaskFeed_Should_HoldResults_WhileItHasTasksInHand_UntilAQuarterOfItsClaimAheadIsDone()
    {
        var fabric = new Support.CountingFabric(new InMemoryFabric());
        TestProbe pool = CreateTestProbe(); // the evaluators
        // A linger far longer than the test, so only the count and "nothing in hand" can release results.
        IActorRef feed = Feed(fabric, pool, CreateTestProbe().Ref, 1, perEvaluator: 8, linger: TimeSpan.FromMinutes(5));
        feed.Tell(new ParametersAdvanced(Parameters(0)));
        await fabric.PublishTasksAsync(Enumerable.Range(0, 8).Select(j => Task(0, j)).ToArray());
        var requests = new List<Evaluate>();
        for (int i = 0; i < 8; i++) requests.Add(pool.ExpectMsg<Evaluate>(m => m is not null));

        feed.Tell(Answer(requests[0])); // 7 in hand, 1 result: below a quarter of 8
        await System.Threading.Tasks.Task.Delay(300);
        Assert.Empty((await fabric.ReadResultsAsync(null, 10, TimeSpan.Zero)).Results);

        feed.Tell(Answer(requests[1])); // 2 results = a quarter: both go out, in one call
        await AwaitConditionAsync(async () => (await fabric.ReadResultsAsync(null, 10, TimeSpan.Zero)).Results.Count == 2);
        Assert.Equal([2], fabric.Completions);

        for (int i = 2; i < 7; i++) feed.Tell(Answer(requests[i]));
        feed.Tell(Answer(requests[7])); // nothing left in hand: whatever is held goes out at once
        await AwaitConditionAsync(async () => (await fabric.ReadResultsAsync(null, 10, TimeSpan.Zero)).Results.Count == 8);
        Assert.Equal(8, fabric.Completions.Sum());
    }

    [Fact]
    public async Task TaskFeed_Should_PublishALoneResultAfterTheLinger_EvenWithTasksInHand()
    {
        var fabric = new InMemoryFabric();
        TestProbe pool = CreateTestProbe(); // the evaluators
        IActorRef feed = Feed(fabric, pool, CreateTestProbe().Ref, 1, perEvaluator: 8);
        feed.Tell(new ParametersAdvanced(Parameters(0)));
        await fabric.PublishTasksAsync(Enumerable.Range(0, 8).Select(j => Task(0, j)).ToArray());
        Evaluate first = pool.ExpectMsg<Evaluate>(m => m is not null);
        for (int i = 1; i < 8; i++) pool.ExpectMsg<Evaluate>(m => m is not null);

        feed.Tell(Answer(first)); // 7 still in hand, 1 result: below a quarter of 8, so it lingers, then goes out
        await AwaitConditionAsync(async () => (await fabric.ReadResultsAsync(null, 10, TimeSpan.Zero)).Results.Count == 1);
    }

    [Fact]
    public async Task TaskFeed_Should_QueueATaskAgain_WhenItWasToldToAnEvaluatorThatHadJustStopped()
    {
        var fabric = new InMemoryFabric();
        var queue = new WorkQueue();
        // An evaluator parked in the queue and stopped before it could unpark itself: the race a dead letter covers.
        TestProbe stopped = CreateTestProbe();
        Assert.False(queue.TakeOrPark(stopped.Ref, out _));
        Watch(stopped.Ref);
        Sys.Stop(stopped.Ref);
        ExpectTerminated(stopped.Ref);
        IActorRef pool = Sys.ActorOf(Props.Create(() => new Support.PoolStub(CreateTestProbe().Ref, 1)));
        IActorRef feed = Sys.ActorOf(TaskFeed.Props(fabric, pool, CreateTestProbe().Ref, queue, "node-1", "worker", 1, 2, TimeSpan.Zero, null));
        feed.Tell(new ParametersAdvanced(Parameters(0)));
        await fabric.PublishTasksAsync([Task(0, 4)]);

        AwaitCondition(() => queue.Count == 1); // told to the stopped evaluator, a dead letter, queued again
        Assert.True(queue.TakeOrPark(TestActor, out var next));
        Assert.Equal(4, next.Request.Delivery.Task.Task);
        Assert.Equal(feed, next.ReplyTo);
    }

    private static Evaluated Answer(Evaluate request) =>
        new(request.Delivery, new TaskResult(0, request.Delivery.Task.Task, 1, 2, 3, 4, null), 0.001);

    private async Task AwaitConditionAsync(Func<Task<bool>> condition)
    {
        DateTime deadline = DateTime.UtcNow + Dilated(TimeSpan.FromSeconds(3));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await System.Threading.Tasks.Task.Delay(20);
        }
    }
}
