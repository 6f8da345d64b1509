// Pins fault handling across the pool: restarts keep results exact, stopped evaluators leave the rest working, an empty pool stops and fails the run; evaluators have their own dispatcher.
using System.Runtime.CompilerServices;
using Akka.Dispatch;
using Es.Actors.Evolution;
using Es.Actors.Hosting;
using Es.Actors.Tests.Support;
using Es.Core.Environments;
using Es.Core.Evaluation;
using Es.Core.Runs;
using Es.Core.Training;

namespace Es.Actors.Tests.Evolution;

public sealed class RolloutPoolTests : Support.ActorTest
{
    [Fact]
    public void Evaluators_Should_RunOnTheirOwnPinnedDispatcher_ConfiguredInHocon()
    {
        Props props = RolloutPool.Props(2, RunFixtures.Setup.CreateEvaluator, 3, TimeSpan.FromSeconds(10), new WorkQueue());
        Assert.Equal(RolloutPool.DispatcherId, props.Dispatcher);
        Assert.IsType<PinnedDispatcher>(Sys.Dispatchers.Lookup(RolloutPool.DispatcherId));
    }

    [Fact]
    public void Pool_Should_StopAnEvaluatorPastItsBudget_KeepTheOthers_AndStopItselfWhenNoneIsLeft()
    {
        Learner learner = RunFixtures.Setup.CreateLearner();
        var request = new Evaluate(new TaskDelivery("d1", learner.Tasks()[0]), new ParametersSnapshot(0, learner.Strategy.Sampler(), learner.Normalizer));
        var calls = new StrongBox<int>();
        var queue = new WorkQueue();
        PairEvaluator Faulty() => new(new FaultyFitness(RunFixtures.Setup.CreateFitness(), calls, _ => true));
        IActorRef pool = Sys.ActorOf(RolloutPool.Props(2, Faulty, 0, TimeSpan.FromSeconds(10), queue));
        Watch(pool);

        // No restarts allowed: the evaluator that takes the task fails, is stopped, and hands the task back.
        EventFilter.Exception<InvalidOperationException>(contains: "injected fault").ExpectOne(() => queue.Add(request, TestActor));
        Assert.Equal("d1", ExpectMsg<EvaluationAbandoned>().Delivery.Id);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // the pool carries on with the other evaluator

        EventFilter.Exception<InvalidOperationException>(contains: "injected fault").ExpectOne(() => queue.Add(request, TestActor));
        ExpectMsg<EvaluationAbandoned>();
        ExpectTerminated(pool); // no evaluator left: the router stops, which is how a run notices
    }

    [Fact]
    public void PoolWithLanes_Should_AnswerEveryTaskWithItsBits_ThroughAFaultInTheMiddleOfABatch()
    {
        TrainingSetup setup = RunFixtures.Setup;
        Learner learner = setup.CreateLearner();
        var parameters = new ParametersSnapshot(0, learner.Strategy.Sampler(), learner.Normalizer);
        IReadOnlyList<EvaluationTask> tasks = learner.Tasks();
        var steps = new StrongBox<int>();
        PairEvaluator Lockstep() => new(setup.CreateFitness(), () => new LockstepRollouts(new FaultyLanes(new CartPoleLanes(4), steps, n => n == 7), setup.Policy!,
            setup.Settings.Strategy.EpisodesPerCandidate, setup.Settings.Env.MaxEpisodeSteps));
        var queue = new WorkQueue();
        Sys.ActorOf(RolloutPool.Props(2, Lockstep, 3, TimeSpan.FromSeconds(10), queue, batch: 4));
        EventFilter.Exception<InvalidOperationException>(contains: "injected fault").ExpectOne(() =>
        {
            for (int j = 0; j < tasks.Count; j++) queue.Add(new Evaluate(new TaskDelivery($"d{j}", tasks[j]), parameters), TestActor);
        });
        var answers = new Dictionary<string, TaskResult>();
        for (int k = 0; k < tasks.Count; k++)
        {
            Evaluated e = ExpectMsg<Evaluated>();
            answers.Add(e.Delivery.Id, e.Result);
        }
        var reference = new PairEvaluator(setup.CreateFitness());
        for (int j = 0; j < tasks.Count; j++)
        {
            TaskResult expected = reference.Evaluate(parameters.Sampler, parameters.Normalizer, tasks[j]);
            TaskResult actual = answers[$"d{j}"];
            Assert.Equal((expected.FitnessPositive, expected.FitnessNegative, expected.StepsPositive, expected.StepsNegative),
                (actual.FitnessPositive, actual.FitnessNegative, actual.StepsPositive, actual.StepsNegative));
            Assert.Equal(expected.Statistics?.Sum, actual.Statistics?.Sum);
        }
        Assert.Contains(answers.Values, r => r.Retries == 1); // the failed batch's tasks were retried
    }

    [Fact]
    public async Task EvaluatorThatThrows_IsRestarted_TheTaskRetried_AndTheRunEndsWithTheFaultFreeBits()
    {
        float[] expected = RunFixtures.Expected();
        var calls = new StrongBox<int>();
        var metrics = new Support.MetricsRecorder();
        RunOptions options = RunFixtures.WithFitness(() => new FaultyFitness(RunFixtures.Setup.CreateFitness(), calls, n => n is 5 or 40), evaluators: 2) with { Observer = metrics };
        RunOutcome outcome = await SingleProcessRun.RunAsync(options);
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(expected, outcome.Parameters);
        Assert.Equal(2, metrics.Generations.Sum(g => g.EvaluationsRetried));
    }

    [Fact]
    public async Task EvaluatorPastItsRetryBudget_IsStopped_AndThePoolCarriesOnWithTheRest()
    {
        float[] expected = RunFixtures.Expected();
        var calls = new StrongBox<int>();
        // No restarts allowed: the evaluator that meets the fault is stopped; its task goes to another one.
        RunOptions options = RunFixtures.WithFitness(() => new FaultyFitness(RunFixtures.Setup.CreateFitness(), calls, n => n == 7), evaluators: 3)
            with { EvaluatorMaxRetries = 0 };
        RunOutcome outcome = await SingleProcessRun.RunAsync(options);
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(expected, outcome.Parameters);
    }

    [Fact]
    public async Task PoolWithNoEvaluatorsLeft_FailsTheRunWithAClearMessage_InsteadOfHanging()
    {
        var calls = new StrongBox<int>();
        RunOptions options = RunFixtures.WithFitness(() => new FaultyFitness(RunFixtures.Setup.CreateFitness(), calls, _ => true), evaluators: 2)
            with { EvaluatorMaxRetries = 1 };
        Task<RunOutcome> run = SingleProcessRun.RunAsync(options);
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))));
        RunOutcome outcome = await run;
        Assert.Equal(StopReason.Failed, outcome.Reason);
        Assert.Contains("no evaluators are left", outcome.Error);
        Assert.Contains("injected fault", outcome.Error);
    }
}
