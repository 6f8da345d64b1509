// Pins the pull model: evaluators take their tasks from the node's WorkQueue, parked ones are woken, the feed fills it and answers come back to the feed.
using Akka.TestKit;
using Es.Actors.Evolution;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Tests.Evolution;

public sealed class WorkQueueTests : Support.ActorTest
{
    private static (ParametersSnapshot Parameters, IReadOnlyList<EvaluationTask> Tasks) Generation()
    {
        Learner learner = RunFixtures.Setup.CreateLearner();
        return (new ParametersSnapshot(0, learner.Strategy.Sampler(), learner.Normalizer), learner.Tasks());
    }

    [Fact]
    public void WorkQueue_Should_QueueRequests_UntilAnEvaluatorAsks_AndTellAParkedOneDirectly()
    {
        var (parameters, tasks) = Generation();
        var queue = new WorkQueue();
        TestProbe evaluator = CreateTestProbe();
        var first = new Evaluate(new TaskDelivery("d1", tasks[0]), parameters);
        queue.Add(first, TestActor);
        Assert.Equal(1, queue.Count);
        Assert.True(queue.TakeOrPark(evaluator.Ref, out var taken));
        Assert.Same(first, taken.Request);
        Assert.Equal(TestActor, taken.ReplyTo);

        Assert.False(queue.TakeOrPark(evaluator.Ref, out _)); // empty: parked
        var second = new Evaluate(new TaskDelivery("d2", tasks[1]), parameters);
        queue.Add(second, TestActor);
        Assert.Equal(0, queue.Count);
        Assert.Same(second, evaluator.ExpectMsg<Evaluate>());
        Assert.Equal(TestActor, evaluator.LastSender);
    }

    [Fact]
    public void TakeSameGeneration_Should_TakeFromTheFrontOnly_RequestsOfTheSameSnapshot_UpToItsMax()
    {
        var (parameters, tasks) = Generation();
        var (other, _) = Generation(); // another snapshot object of generation 0, as after a rollback
        var queue = new WorkQueue();
        string[] order = ["a", "b", "c", "x", "d"];
        for (int j = 0; j < order.Length; j++)
            queue.Add(new Evaluate(new TaskDelivery(order[j], tasks[j]), order[j] == "x" ? other : parameters), TestActor);

        var taken = new List<(Evaluate Request, IActorRef ReplyTo)>();
        Assert.Equal(2, queue.TakeSameGeneration(parameters, 2, taken));
        Assert.Equal(["a", "b"], taken.Select(t => t.Request.Delivery.Id));
        Assert.All(taken, t => Assert.Equal(TestActor, t.ReplyTo));
        // Stops at the first request for other parameters, even with room and a later match ("d").
        Assert.Equal(1, queue.TakeSameGeneration(parameters, 10, taken));
        Assert.Equal("c", taken[^1].Request.Delivery.Id);
        Assert.Equal(0, queue.TakeSameGeneration(parameters, 10, taken));
        Assert.Equal(2, queue.Count);
        Assert.Equal(1, queue.TakeSameGeneration(other, 10, taken));
        Assert.Equal("x", taken[^1].Request.Delivery.Id);
        Assert.Equal(0, queue.TakeSameGeneration(parameters, 0, taken));
        Assert.Equal(1, queue.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.TakeSameGeneration(parameters, -1, taken));
    }

    [Fact]
    public void TakeBack_Should_TakeTheLatestRequestsOfTheGeneration_UpToItsMax_AndKeepTheRestInOrder()
    {
        var (parameters, tasks) = Generation();
        var later = new EvaluationTask(1, 9, 90, 7, false);
        var queue = new WorkQueue();
        queue.Add(new Evaluate(new TaskDelivery("a", tasks[0]), parameters), TestActor);
        queue.Add(new Evaluate(new TaskDelivery("b", tasks[1]), parameters), TestActor);
        queue.Add(new Evaluate(new TaskDelivery("g1", later), parameters), TestActor); // another generation: never taken for generation 0
        queue.Add(new Evaluate(new TaskDelivery("c", tasks[2]), parameters), TestActor);
        queue.Add(new Evaluate(new TaskDelivery("d", tasks[3]), parameters), TestActor);

        var taken = new List<Evaluate>();
        Assert.Equal(3, queue.TakeBack(0, 3, taken));
        Assert.Equal(["d", "c", "b"], taken.Select(e => e.Delivery.Id));
        Assert.Equal(2, queue.Count);
        Assert.True(queue.TakeOrPark(TestActor, out var first));
        Assert.Equal("a", first.Request.Delivery.Id);
        Assert.True(queue.TakeOrPark(TestActor, out var second));
        Assert.Equal("g1", second.Request.Delivery.Id);
        Assert.Equal(0, queue.TakeBack(0, 5, taken));
        Assert.Equal(0, queue.TakeBack(0, 0, taken));
    }

    [Fact]
    public void TakeSameGeneration_Should_NeverParkTheAsker()
    {
        var (parameters, tasks) = Generation();
        var queue = new WorkQueue();
        TestProbe evaluator = CreateTestProbe();
        Assert.Equal(0, queue.TakeSameGeneration(parameters, 4, []));
        queue.Add(new Evaluate(new TaskDelivery("d1", tasks[0]), parameters), TestActor);
        Assert.Equal(1, queue.Count); // queued, not told to anyone
        evaluator.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Evaluators_Should_TakeEveryQueuedTask_AndAnswerTheFeed_WithThePureResults()
    {
        var (parameters, tasks) = Generation();
        var queue = new WorkQueue();
        Sys.ActorOf(RolloutPool.Props(2, RunFixtures.Setup.CreateEvaluator, 3, TimeSpan.FromSeconds(10), queue));
        PairEvaluator reference = RunFixtures.Setup.CreateEvaluator();
        int count = Math.Min(8, tasks.Count);
        for (int j = 0; j < count; j++) queue.Add(new Evaluate(new TaskDelivery($"d{j}", tasks[j]), parameters), TestActor);
        var answers = new Dictionary<string, Evaluated>();
        for (int k = 0; k < count; k++)
        {
            Evaluated e = ExpectMsg<Evaluated>();
            answers.Add(e.Delivery.Id, e);
        }
        for (int j = 0; j < count; j++)
        {
            TaskResult expected = reference.Evaluate(parameters.Sampler, parameters.Normalizer, tasks[j]);
            Assert.Equal((expected.FitnessPositive, expected.FitnessNegative, expected.StepsPositive), (answers[$"d{j}"].Result.FitnessPositive, answers[$"d{j}"].Result.FitnessNegative, answers[$"d{j}"].Result.StepsPositive));
        }
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task TaskFeed_WithAQueue_Should_PutReadyTasksInIt_AndSendTheirResults()
    {
        var (parameters, tasks) = Generation();
        var queue = new WorkQueue();
        TestProbe evaluator = CreateTestProbe();
        TestProbe head = CreateTestProbe();
        Assert.False(queue.TakeOrPark(evaluator.Ref, out _));
        IActorRef pool = Sys.ActorOf(Props.Create(() => new Support.PoolStub(CreateTestProbe().Ref, 1)));
        IActorRef stub = Sys.ActorOf(Props.Create(() => new Support.HeadStub(new[] { tasks[0], tasks[1], tasks[2] }, head.Ref)));
        IActorRef feed = Sys.ActorOf(TaskFeed.Props(stub, pool, CreateTestProbe().Ref, queue, 1, perEvaluator: 4, lookahead: TimeSpan.Zero));
        feed.Tell(new ParametersAdvanced(parameters));
        Evaluate first = evaluator.ExpectMsg<Evaluate>(); // the parked evaluator gets the first directly
        await AwaitAsync(() => queue.Count == 2);
        evaluator.Reply(new Evaluated(first.Delivery, new TaskResult(0, first.Delivery.Task.Task, 1, 2, 3, 4, null)));
        Assert.Equal(first.Delivery.Task.Task, Assert.Single(head.FishForMessage<TaskResults>(_ => true).Results).Task);
    }

    private async Task AwaitAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + Dilated(TimeSpan.FromSeconds(3));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
