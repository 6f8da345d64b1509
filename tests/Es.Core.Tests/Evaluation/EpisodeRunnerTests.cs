// Pins rollouts: the same inputs give the same bits, limits hold, and evaluation never touches statistics.
using Es.Core.Environments;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Policies;

namespace Es.Core.Tests.Evaluation;

public class EpisodeRunnerTests
{
    private static (EpisodeRunner Runner, float[] Theta) Pendulum(float actionNoise = 0.1f)
    {
        IEnvironment env = EnvironmentRegistry.Create("Pendulum-v1");
        var policy = new Policy(PolicySpec.Mlp([8], actionNoiseStd: actionNoise, initOutputStd: 1f), env.Spec);
        var theta = new float[policy.ParameterCount];
        policy.Initialize(theta, 42);
        return (new EpisodeRunner(env, policy), theta);
    }

    [Fact]
    public void Run_WithTheSameInputs_GivesBitIdenticalReturnLengthAndStatistics()
    {
        var (a, theta) = Pendulum();
        var (b, _) = Pendulum();
        var normalizer = new ObservationNormalizer(3);
        var statsA = new ObservationStats(3);
        var statsB = new ObservationStats(3);
        EpisodeResult ra = a.Run(theta, normalizer, 99, 0, statsA, actionNoise: true);
        EpisodeResult rb = b.Run(theta, normalizer, 99, 0, statsB, actionNoise: true);
        Assert.Equal(ra, rb);
        Assert.Equal(BitConverter.DoubleToInt64Bits(ra.Return), BitConverter.DoubleToInt64Bits(rb.Return));
        Assert.Equal(statsA.Sum, statsB.Sum);
        Assert.Equal(statsA.SumSq, statsB.SumSq);
        Assert.Equal(200, ra.Length);
        Assert.Equal(200, statsA.Count);
    }

    [Fact]
    public void Run_WithAnotherSeed_GivesAnotherEpisode()
    {
        var (runner, theta) = Pendulum();
        var normalizer = new ObservationNormalizer(3);
        Assert.NotEqual(runner.Run(theta, normalizer, 1, 0, null, true).Return, runner.Run(theta, normalizer, 2, 0, null, true).Return);
    }

    [Fact]
    public void Run_ActionNoise_ChangesTheEpisode_OnlyWhenRequested()
    {
        var (runner, theta) = Pendulum(actionNoise: 0.5f);
        var (quiet, _) = Pendulum(actionNoise: 0f);
        var normalizer = new ObservationNormalizer(3);
        double noisy = runner.Run(theta, normalizer, 7, 0, null, actionNoise: true).Return;
        double evaluation = runner.Run(theta, normalizer, 7, 0, null, actionNoise: false).Return;
        double noNoise = quiet.Run(theta, normalizer, 7, 0, null, actionNoise: true).Return;
        Assert.NotEqual(noisy, evaluation);
        Assert.Equal(evaluation, noNoise);
    }

    [Fact]
    public void Run_StopsAtTheSmallerOfTheStepLimitAndTheEnvironmentLimit()
    {
        var (runner, theta) = Pendulum();
        var normalizer = ObservationNormalizer.Identity(3);
        Assert.Equal(50, runner.Run(theta, normalizer, 1, 50, null, false).Length);
        Assert.Equal(200, runner.Run(theta, normalizer, 1, 10_000, null, false).Length);
    }

    [Fact]
    public void PairEvaluator_EvaluatesBothSignsOnTheSameSeed_AndCollectsStatisticsOnlyWhenAsked()
    {
        IEnvironment env = EnvironmentRegistry.Create("CartPole-v1");
        var policy = new Policy(PolicySpec.Mlp([8]), env.Spec);
        var theta = new float[policy.ParameterCount];
        policy.Initialize(theta, 1);
        var noise = Es.Core.Noise.NoiseTable.Create(5, 1 << 16);
        var evaluator = new PairEvaluator(new EpisodeFitness(env, policy));
        var sampler = new Es.Core.Strategies.PerturbationSampler(0, theta, noise, 0.5f, 2);
        var normalizer = new ObservationNormalizer(4);
        TaskResult with = evaluator.Evaluate(sampler, normalizer, new EvaluationTask(0, 3, 100, 77, CollectStatistics: true));
        TaskResult without = evaluator.Evaluate(sampler, normalizer, new EvaluationTask(0, 3, 100, 77, CollectStatistics: false));
        Assert.Equal(with.FitnessPositive, without.FitnessPositive);
        Assert.Equal(with.FitnessNegative, without.FitnessNegative);
        Assert.NotNull(with.Statistics);
        Assert.Null(without.Statistics);
        Assert.Equal(with.Steps, with.Statistics!.Count);

        // The − member is θ − σε: evaluating that vector directly on the same seed gives the same fitness.
        var minus = new float[theta.Length];
        Es.Core.Strategies.OpenAiEs.Perturb(theta, noise, 100, -0.5f, minus);
        var direct = new EpisodeFitness(EnvironmentRegistry.Create("CartPole-v1"), new Policy(PolicySpec.Mlp([8]), env.Spec));
        Assert.Equal(with.FitnessNegative, direct.Evaluate(minus, normalizer, 77, null, training: true).Fitness);
    }
}
