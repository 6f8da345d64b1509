// Sample messages for the wire tests: every field set to a value that would show a swapped or truncated field.
using Es.Core.Checkpoints;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Optimizers;
using Es.Core.Strategies;
using Es.Core.Training;

namespace Es.Actors.Tests.Wire;

internal static class WireSamples
{
    public static EvaluationTask Task(long generation = 3, int task = 7) =>
        new(generation, task, 123_456, 0xDEADBEEF_CAFEBABEUL, CollectStatistics: true, TaskKind.Train);

    public static ObservationStats Stats() =>
        new([1.5, -2.25, double.Epsilon], [4.0, 1e300, 0.1], 42.5);

    public static TaskResult Result(long generation = 3, int task = 7, bool withStats = true) =>
        new(generation, task, 1.0 / 3.0, double.NaN, 500, 0, withStats ? Stats() : null, Retries: 2);

    public static GenerationUpdate Generation(long generation = 3, bool withStats = true) =>
        new(new NoiseStepUpdate(generation, [10, 20_000, 3], [0.1f, -1e-30f, float.MaxValue]), withStats ? Stats() : null, 0x0123456789ABCDEFUL);

    public static Checkpoint Snapshot(long generation = 4) =>
        new(99UL, generation, "CartPole-v1",
            new StrategyState("openai-es", generation, [0.5f, -0.25f, 1e-7f], new OptimizerState("adam", 4, [[1f, 2f, 3f], [4f, 5f, 6f]])),
            Stats(), Timesteps: 12_345, Episodes: 67, BestReturn: double.NaN, Configuration: "es { sigma = 0.02 }", GoalStreak: 1);

    public static void AssertSame(TaskResult expected, TaskResult actual)
    {
        Assert.Equal(expected.Generation, actual.Generation);
        Assert.Equal(expected.Task, actual.Task);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.FitnessPositive), BitConverter.DoubleToInt64Bits(actual.FitnessPositive));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.FitnessNegative), BitConverter.DoubleToInt64Bits(actual.FitnessNegative));
        Assert.Equal(expected.StepsPositive, actual.StepsPositive);
        Assert.Equal(expected.StepsNegative, actual.StepsNegative);
        Assert.Equal(expected.Retries, actual.Retries);
        AssertSame(expected.Statistics, actual.Statistics);
    }

    public static void AssertSame(GenerationUpdate expected, GenerationUpdate actual)
    {
        if (expected.Strategy is FitnessUpdate told)
        {
            var got = Assert.IsType<FitnessUpdate>(actual.Strategy);
            Assert.Equal(told.Generation, got.Generation);
            Assert.Equal(told.Tasks, got.Tasks);
            Assert.Equal(told.Fitness.Select(BitConverter.DoubleToInt64Bits), got.Fitness.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(expected.ParameterChecksum, actual.ParameterChecksum);
            AssertSame(expected.Statistics, actual.Statistics);
            return;
        }
        var e = (NoiseStepUpdate)expected.Strategy;
        var a = Assert.IsType<NoiseStepUpdate>(actual.Strategy);
        Assert.Equal(e.Generation, a.Generation);
        Assert.Equal(e.NoiseIndices, a.NoiseIndices);
        Assert.Equal(e.Weights.Select(BitConverter.SingleToInt32Bits), a.Weights.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(expected.ParameterChecksum, actual.ParameterChecksum);
        AssertSame(expected.Statistics, actual.Statistics);
    }

    public static void AssertSame(Checkpoint expected, Checkpoint actual) =>
        Assert.Equal(CheckpointFile.Serialize(expected), CheckpointFile.Serialize(actual));

    public static void AssertSame(ObservationStats? expected, ObservationStats? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(expected.Sum.Select(BitConverter.DoubleToInt64Bits), actual.Sum.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.SumSq.Select(BitConverter.DoubleToInt64Bits), actual.SumSq.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Count), BitConverter.DoubleToInt64Bits(actual.Count));
    }
}
