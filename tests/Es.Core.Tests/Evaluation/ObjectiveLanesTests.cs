// Pins a test function's lanes to one task at a time: every function, strategy and lane count gives the same bits.
using System.Globalization;
using Es.Core.Configuration;
using Es.Core.Evaluation;
using Es.Core.Objectives;
using Es.Core.Strategies;
using Es.Core.Training;

namespace Es.Core.Tests.Evaluation;

public sealed class ObjectiveLanesTests
{
    [Theory]
    [InlineData("sphere", 1, "openai-es", "")]
    [InlineData("quadratic", 2, "openai-es", "strategy.mirrored = false")]
    [InlineData("rosenbrock", 3, "pepg", "")]
    [InlineData("rastrigin", 4, "snes", "")]
    [InlineData("sphere", 5, "ars-v2", "")]
    [InlineData("rosenbrock", 8, "cma-es", "")]
    [InlineData("rastrigin", 0, "simple-ga", "")]
    [InlineData("quadratic", 0, "simple-gaussian", "")]
    public void EvaluateMany_InLanes_GivesTheBitsOfOneTaskAtATime(string function, int lanes, string strategy, string extra)
    {
        TrainingSetup setup = TrainingSetup.FromSettings(Settings(function, lanes, strategy, extra));
        Assert.Equal(lanes == 0 ? ObjectiveLanes.AutoLanes : lanes, setup.Lanes);
        Learner learner = setup.CreateLearner();
        PairEvaluator one = new(setup.CreateFitness());
        PairEvaluator many = setup.CreateEvaluator();
        for (int g = 0; g < 3; g++)
        {
            IReadOnlyList<EvaluationTask> tasks = learner.Tasks();
            ICandidateSampler sampler = learner.Strategy.Sampler();
            TaskResult[] batch = many.EvaluateMany(sampler, learner.Normalizer, tasks);
            var assembler = new GenerationAssembler(learner.Generation, tasks.Count);
            for (int j = 0; j < tasks.Count; j++)
            {
                TaskResult expected = one.Evaluate(sampler, learner.Normalizer, tasks[j]);
                TaskResult actual = batch[j];
                string what = $"{function} {strategy} generation {g} task {j} ({tasks[j].Kind})";
                Assert.True(expected.Task == actual.Task && expected.Generation == actual.Generation, $"{what}: wrong task");
                Assert.True(BitConverter.DoubleToInt64Bits(expected.FitnessPositive) == BitConverter.DoubleToInt64Bits(actual.FitnessPositive),
                    $"{what}: + fitness {expected.FitnessPositive:R} one by one, {actual.FitnessPositive:R} in lanes");
                Assert.True(BitConverter.DoubleToInt64Bits(expected.FitnessNegative) == BitConverter.DoubleToInt64Bits(actual.FitnessNegative),
                    $"{what}: − fitness {expected.FitnessNegative:R} one by one, {actual.FitnessNegative:R} in lanes");
                Assert.Equal((expected.StepsPositive, expected.StepsNegative), (actual.StepsPositive, actual.StepsNegative));
                Assert.Null(actual.Statistics);
                assembler.Add(expected);
            }
            Assert.Contains(tasks, t => t.Kind == TaskKind.Evaluate);
            learner.Complete(assembler);
        }
    }

    [Fact]
    public void LocalTrainer_WithLanes_EndsWithTheThetaOfOneTaskAtATime()
    {
        float[] Train(int lanes, int threads)
        {
            LocalTrainer trainer = TrainingSetup.FromSettings(Settings("rosenbrock", lanes, "openai-es", "")).CreateLocalTrainer(threads);
            for (int g = 0; g < 5; g++) trainer.RunGeneration();
            return trainer.Learner.Parameters.ToArray();
        }
        int[] single = Bits(Train(lanes: 1, threads: 1));
        Assert.Equal(single, Bits(Train(lanes: 0, threads: 2)));
        Assert.Equal(single, Bits(Train(lanes: 3, threads: 1)));
    }

    [Fact]
    public void ObjectiveLanes_RefuseASamplerOfAnotherDimension()
    {
        var lanes = new ObjectiveLanes(new SphereObjective(3), 4);
        TrainingSetup setup = TrainingSetup.FromSettings(Settings("sphere", 4, "openai-es", ""));
        Learner learner = setup.CreateLearner();
        var results = new TaskResult[learner.Tasks().Count];
        var e = Assert.Throws<ArgumentException>(() => lanes.Evaluate(learner.Strategy.Sampler(), learner.Normalizer, learner.Tasks(), results));
        Assert.Contains("the test function 3", e.Message, StringComparison.Ordinal);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    private static EsSettings Settings(string function, int lanes, string strategy, string extra) =>
        SettingsLoader.Parse(string.Create(CultureInfo.InvariantCulture, $$"""
            es {
              run.seed = 11
              env { id = {{function}}, dimension = 13 }
              strategy { name = {{strategy}}, population = 14, sigma = 0.3 }
              evaluation { every = 1, episodes = 2 }
              noise.size = 100000
              rollouts.lanes = {{lanes}}
              {{extra}}
            }
            """), "objective-lanes-test.conf");
}
