// Pins the Evaluator with lockstep lanes: it takes queued tasks of one generation together (its share of the queue), answers each with the bits of one task at a time, never mixes generations, and retries or abandons each task of a failed batch.
using System.Runtime.CompilerServices;
using Es.Actors.Evolution;
using Es.Actors.Tests.Support;
using Es.Core.Environments;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Tests.Evolution;

public sealed class EvaluatorBatchTests : Support.ActorTest
{
    private const int Lanes = 4;

    private static (ParametersSnapshot Parameters, IReadOnlyList<EvaluationTask> Tasks) Generation(int generation)
    {
        LocalTrainer trainer = RunFixtures.Setup.CreateLocalTrainer(1);
        for (int g = 0; g < generation; g++) trainer.RunGeneration();
        Learner learner = trainer.Learner;
        return (new ParametersSnapshot(generation, learner.Strategy.Sampler(), learner.Normalizer), learner.Tasks());
    }

    // An evaluator whose batches step in lanes that may throw, and whose one-task path counts its episodes in fitnessCalls.
    // Every batch that finishes is written down in `batches`.
    private static Func<PairEvaluator> LockstepEvaluator(StrongBox<int> fitnessCalls, StrongBox<int> steps, Func<int, bool> fail, BatchRecorder batches)
    {
        TrainingSetup setup = RunFixtures.Setup;
        return () => new PairEvaluator(new FaultyFitness(setup.CreateFitness(), fitnessCalls, _ => false),
            batches.Wrap(() => new LockstepRollouts(new FaultyLanes(new CartPoleLanes(Lanes), steps, fail), setup.Policy!,
                setup.Settings.Strategy.EpisodesPerCandidate, setup.Settings.Env.MaxEpisodeSteps)));
    }

    private static void AssertBits(ParametersSnapshot parameters, EvaluationTask task, TaskResult actual)
    {
        // The reference: the task alone, one episode at a time.
        TaskResult expected = new PairEvaluator(RunFixtures.Setup.CreateFitness()).Evaluate(parameters.Sampler, parameters.Normalizer, task);
        Assert.Equal((expected.Generation, expected.Task, expected.FitnessPositive, expected.FitnessNegative, expected.StepsPositive, expected.StepsNegative),
            (actual.Generation, actual.Task, actual.FitnessPositive, actual.FitnessNegative, actual.StepsPositive, actual.StepsNegative));
        Assert.Equal(expected.Statistics?.Sum, actual.Statistics?.Sum);
        Assert.Equal(expected.Statistics?.SumSq, actual.Statistics?.SumSq);
    }

    private Dictionary<string, Evaluated> ExpectEvaluated(int count)
    {
        var answers = new Dictionary<string, Evaluated>();
        for (int k = 0; k < count; k++)
        {
            Evaluated e = ExpectMsg<Evaluated>();
            answers.Add(e.Delivery.Id, e);
        }
        return answers;
    }

    [Fact]
    public void Evaluator_WithLanes_Should_EvaluateQueuedTasksOfOneGenerationTogether_WithTheBitsOfOneTaskAtATime()
    {
        var (parameters, tasks) = Generation(0);
        Assert.Contains(tasks, t => t.Kind == TaskKind.Evaluate); // evaluation episodes of θ go through the lanes too
        var queue = new WorkQueue();
        for (int j = 0; j < tasks.Count; j++) queue.Add(new Evaluate(new TaskDelivery($"d{j}", tasks[j]), parameters), TestActor);
        var fitnessCalls = new StrongBox<int>();
        var batches = new BatchRecorder();
        Sys.ActorOf(Evaluator.Props(LockstepEvaluator(fitnessCalls, new StrongBox<int>(), _ => false, batches), queue: queue, batch: Lanes));

        Dictionary<string, Evaluated> answers = ExpectEvaluated(tasks.Count);
        for (int j = 0; j < tasks.Count; j++)
        {
            AssertBits(parameters, tasks[j], answers[$"d{j}"].Result);
            Assert.Equal(0, answers[$"d{j}"].Result.Retries);
        }
        Assert.True(fitnessCalls.Value == 0, $"{fitnessCalls.Value} episodes ran one at a time; every task should have gone through the lanes");
        // Batches of Lanes tasks in queue order, each answer carrying the batch's time per task.
        int[][] expected = Enumerable.Range(0, (tasks.Count + Lanes - 1) / Lanes)
            .Select(b => Enumerable.Range(b * Lanes, Math.Min(Lanes, tasks.Count - b * Lanes)).ToArray()).ToArray();
        Assert.Equal(expected, batches.Batches.Select(b => b.Select(t => tasks.ToList().FindIndex(x => x.Task == t.Task)).ToArray()).ToArray());
        for (int j = 0; j < tasks.Count; j++)
            Assert.True(answers[$"d{j}"].Seconds == answers[$"d{j / Lanes * Lanes}"].Seconds, $"task {j} does not carry its batch's time");
        Assert.True(answers["d0"].Seconds > 0);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Evaluator_WithLanes_Should_NeverPutTwoGenerationsInOneBatch()
    {
        var (first, firstTasks) = Generation(0);
        var (second, secondTasks) = Generation(1);
        var queue = new WorkQueue();
        // Two tasks of generation 0, then three of generation 1, then one more of generation 0 (a
        // different snapshot object: what a replica that rolled back would hand out).
        var (again, againTasks) = Generation(0);
        queue.Add(new Evaluate(new TaskDelivery("a0", firstTasks[0]), first), TestActor);
        queue.Add(new Evaluate(new TaskDelivery("a1", firstTasks[1]), first), TestActor);
        for (int j = 0; j < 3; j++) queue.Add(new Evaluate(new TaskDelivery($"b{j}", secondTasks[j]), second), TestActor);
        queue.Add(new Evaluate(new TaskDelivery("c0", againTasks[2]), again), TestActor);
        var batches = new BatchRecorder();
        Sys.ActorOf(Evaluator.Props(LockstepEvaluator(new StrongBox<int>(), new StrongBox<int>(), _ => false, batches), queue: queue, batch: 8));

        Dictionary<string, Evaluated> answers = ExpectEvaluated(6);
        // A mixed batch would throw (a task of another generation than the sampler) and come back retried.
        Assert.All(answers.Values, e => Assert.Equal(0, e.Result.Retries));
        AssertBits(first, firstTasks[0], answers["a0"].Result);
        AssertBits(first, firstTasks[1], answers["a1"].Result);
        for (int j = 0; j < 3; j++) AssertBits(second, secondTasks[j], answers[$"b{j}"].Result);
        AssertBits(again, againTasks[2], answers["c0"].Result);
        Assert.Equal(1, answers["b0"].Result.Generation);
        // The two tasks of generation 0 make one batch, the three of generation 1 another, and the
        // last task of generation 0 (queued after them) a third.
        Assert.Equal(
            [[(0L, firstTasks[0].Task), (0L, firstTasks[1].Task)], [(1L, secondTasks[0].Task), (1L, secondTasks[1].Task), (1L, secondTasks[2].Task)], [(0L, againTasks[2].Task)]],
            batches.Batches);
    }

    [Fact]
    public void Evaluator_WithLanes_WhenABatchThrows_Should_RetryEachOfItsTasksAlone_WithTheSameBits()
    {
        var (parameters, tasks) = Generation(0);
        var queue = new WorkQueue();
        for (int j = 0; j < Lanes; j++) queue.Add(new Evaluate(new TaskDelivery($"d{j}", tasks[j]), parameters), TestActor);
        var steps = new StrongBox<int>();
        var batches = new BatchRecorder();
        IActorRef evaluator = null!;
        // The fault strikes the fifth lockstep step, in the middle of the first batch.
        EventFilter.Exception<InvalidOperationException>(contains: "injected fault").ExpectOne(() =>
            evaluator = Sys.ActorOf(Evaluator.Props(LockstepEvaluator(new StrongBox<int>(), steps, n => n == 5, batches), queue: queue, batch: Lanes)));

        Dictionary<string, Evaluated> answers = ExpectEvaluated(Lanes);
        for (int j = 0; j < Lanes; j++)
        {
            AssertBits(parameters, tasks[j], answers[$"d{j}"].Result);
            Assert.Equal(1, answers[$"d{j}"].Result.Retries); // every task of the failed batch was evaluated again
        }
        // Retried alone: the failed batch finished nothing, then each task made a batch of its own.
        Assert.Equal(Enumerable.Range(0, Lanes).Select(j => new[] { (0L, tasks[j].Task) }).ToArray(), batches.Batches.OrderBy(b => b[0].Task).ToArray());
    }

    [Fact]
    public void Evaluator_WithLanes_Should_AbandonEachTaskOfAFailingBatch_WhenItsOwnAttemptsAreSpent()
    {
        var (parameters, tasks) = Generation(0);
        var queue = new WorkQueue();
        for (int j = 0; j < 3; j++) queue.Add(new Evaluate(new TaskDelivery($"d{j}", tasks[j]), parameters), TestActor);
        // Every step fails: the batch once, then each task's retry alone (two attempts each).
        EventFilter.Exception<InvalidOperationException>(contains: "injected fault").Expect(4, () =>
            Sys.ActorOf(Evaluator.Props(LockstepEvaluator(new StrongBox<int>(), new StrongBox<int>(), _ => true, new BatchRecorder()), maxAttempts: 2, queue: queue, batch: Lanes)));
        var abandoned = new HashSet<string>();
        for (int k = 0; k < 3; k++)
        {
            EvaluationAbandoned a = ExpectMsg<EvaluationAbandoned>();
            Assert.Contains("injected fault", a.Reason);
            abandoned.Add(a.Delivery.Id);
        }
        Assert.Equal(["d0", "d1", "d2"], abandoned.Order());
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void EvaluatorsWithLanes_Should_ShareAQueuedGeneration_InsteadOfOneTakingMostOfIt()
    {
        var (parameters, tasks) = Generation(0);
        Assert.True(tasks.Count >= 10, "the fixture's generation should have at least 10 tasks");
        var queue = new WorkQueue();
        for (int j = 0; j < 10; j++) queue.Add(new Evaluate(new TaskDelivery($"d{j}", tasks[j]), parameters), TestActor);
        TrainingSetup setup = RunFixtures.Setup;
        var batches = new BatchRecorder();
        Sys.ActorOf(RolloutPool.Props(2, () => new PairEvaluator(setup.CreateFitness(), batches.Wrap(setup.CreateBatchEvaluator)), 3, TimeSpan.FromSeconds(10), queue, batch: 8));

        Dictionary<string, Evaluated> answers = ExpectEvaluated(10);
        for (int j = 0; j < 10; j++) AssertBits(parameters, tasks[j], answers[$"d{j}"].Result);
        Assert.Equal(10, batches.Batches.Sum(b => b.Length));
        int largest = batches.Batches.Max(b => b.Length);
        // 8 lanes, 10 tasks, 2 evaluators: the first batch takes its half of the queue (5), not 8.
        Assert.InRange(largest, 4, 5);
    }

    [Fact]
    public void Evaluator_Should_RefuseABatchOrSharersBelowOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluator.Props(RunFixtures.Setup.CreateEvaluator, batch: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluator.Props(RunFixtures.Setup.CreateEvaluator, batch: 4, sharers: 0));
    }
}
