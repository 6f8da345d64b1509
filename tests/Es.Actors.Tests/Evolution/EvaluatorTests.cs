// Pins the Evaluator actor: it answers with the pure result, holds answers while queued tasks follow, retries after a restart, and hands a task back when it gives up.
using System.Runtime.CompilerServices;
using Akka.TestKit;
using Es.Actors.Evolution;
using Es.Actors.Tests.Support;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Tests.Evolution;

public sealed class EvaluatorTests : Support.ActorTest
{
    private static (Evaluate Request, TaskResult Expected) Request()
    {
        TrainingSetup setup = RunFixtures.Setup;
        Learner learner = setup.CreateLearner();
        EvaluationTask task = learner.Tasks()[3];
        var parameters = new ParametersSnapshot(0, learner.Strategy.Sampler(), learner.Normalizer);
        TaskResult expected = setup.CreateEvaluator().Evaluate(parameters.Sampler, parameters.Normalizer, task);
        return (new Evaluate(new TaskDelivery("d1", task), parameters), expected);
    }

    private static PairEvaluator Faulty(StrongBox<int> calls, Func<int, bool> fail)
    {
        TrainingSetup setup = RunFixtures.Setup;
        return new PairEvaluator(new FaultyFitness(setup.CreateFitness(), calls, fail));
    }

    private static void AssertSame(TaskResult expected, TaskResult actual)
    {
        Assert.Equal((expected.Generation, expected.Task, expected.FitnessPositive, expected.FitnessNegative, expected.StepsPositive, expected.StepsNegative),
            (actual.Generation, actual.Task, actual.FitnessPositive, actual.FitnessNegative, actual.StepsPositive, actual.StepsNegative));
        Assert.Equal(expected.Statistics?.Sum, actual.Statistics?.Sum);
    }

    [Fact]
    public void Evaluator_Should_ReplyWithThePureResultOfTheTask()
    {
        var (request, expected) = Request();
        IActorRef evaluator = Sys.ActorOf(Evaluator.Props(RunFixtures.Setup.CreateEvaluator));
        evaluator.Tell(request, TestActor);
        Evaluated reply = ExpectMsg<Evaluated>();
        AssertSame(expected, reply.Result);
        Assert.Equal(0, reply.Result.Retries);
        Assert.Equal("d1", reply.Delivery.Id);
    }

    [Fact]
    public void Evaluator_WithAQueue_Should_HoldItsAnswers_WhileQueuedTasksFollow_AndSendThemWhenTheQueueRunsDry()
    {
        Learner learner = RunFixtures.Setup.CreateLearner();
        var parameters = new ParametersSnapshot(0, learner.Strategy.Sampler(), learner.Normalizer);
        IReadOnlyList<EvaluationTask> tasks = learner.Tasks();
        var queue = new WorkQueue();
        for (int j = 0; j < 3; j++) queue.Add(new Evaluate(new TaskDelivery($"d{j}", tasks[j]), parameters), TestActor);
        using var secondBegun = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var calls = new StrongBox<int>();
        // Call 3 is the first episode of the second task: it waits until the test has looked.
        bool Gate(int n)
        {
            if (n == 3)
            {
                secondBegun.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            }
            return false;
        }
        Sys.ActorOf(Evaluator.Props(() => Faulty(calls, Gate), queue: queue, hold: TimeSpan.FromSeconds(30)));
        Assert.True(secondBegun.Wait(Dilated(TimeSpan.FromSeconds(10))), "the second task never began");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // the first task is done, its answer held: the queue had more
        release.Set();
        string[] ids = Enumerable.Range(0, 3).Select(_ => ExpectMsg<Evaluated>().Delivery.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["d0", "d1", "d2"], ids); // all of them, once the queue ran dry
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Evaluator_ThatThrows_Should_BeRestartedAndRetryTheTask_WithTheSameResult()
    {
        var (request, expected) = Request();
        var calls = new StrongBox<int>();
        IActorRef evaluator = Sys.ActorOf(Evaluator.Props(() => Faulty(calls, n => n == 1)));
        EventFilter.Exception<InvalidOperationException>(contains: "injected fault").ExpectOne(() => evaluator.Tell(request, TestActor));
        Evaluated reply = ExpectMsg<Evaluated>();
        AssertSame(expected, reply.Result);
        Assert.Equal(1, reply.Result.Retries);
    }

    [Fact]
    public void Evaluator_Should_HandTheTaskBack_WhenItsAttemptsAreSpent()
    {
        var (request, _) = Request();
        var calls = new StrongBox<int>();
        IActorRef evaluator = Sys.ActorOf(Evaluator.Props(() => Faulty(calls, _ => true), maxAttempts: 2));
        EventFilter.Exception<InvalidOperationException>(contains: "injected fault").Expect(2, () => evaluator.Tell(request, TestActor));
        EvaluationAbandoned abandoned = ExpectMsg<EvaluationAbandoned>();
        Assert.Equal("d1", abandoned.Delivery.Id);
        Assert.Contains("injected fault", abandoned.Reason);
    }
}
