// Pins lockstep rollouts to the one-episode path: every environment, policy, strategy and lane count gives the same bits.
using System.Globalization;
using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Policies;
using Es.Core.Random;
using Es.Core.Strategies;
using Es.Core.Training;

namespace Es.Core.Tests.Evaluation;

public class LockstepRolloutsTests
{
    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        string[] envs = ["CartPole-v1", "Pendulum-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Arm-v0"];
        string[] policies =
        [
            "policy { type = linear, action-noise = 0.05 }",
            "policy { type = mlp, hidden = [64, 64], activation = tanh, action-noise = 0.05 }",
            "policy { type = mlp, hidden = [7, 5], activation = relu, action-noise = 0.1 }",
        ];
        // Lane counts that exercise the scalar, 128-, 256- and 512-bit kernels and idle spare lanes.
        int[] lanes = [2, 5, 13, 16, 0];
        int n = 0;
        foreach (string env in envs)
            foreach (string policy in policies)
            {
                int count = lanes[n++ % lanes.Length];
                data.Add(env, policy, count == 0 && policy.Contains("64") ? 9 : count); // automatic gives a 64-64 MLP one lane
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EvaluateMany_InLockstep_GivesTheBitsOfOneEpisodeAtATime(string env, string policy, int lanes)
    {
        // σ large enough that the untrained candidates' episodes end at many different steps;
        // half the tasks collect statistics; a generation of evaluation episodes is included.
        EsSettings settings = Settings(env, policy, lanes, "openai-es", extra: "strategy.episodes-per-candidate = 2");
        AssertSameAsOneByOne(settings, generations: 2);
    }

    [Theory]
    [InlineData("openai-es", "strategy.mirrored = false")]
    [InlineData("pepg", "")]
    [InlineData("snes", "")]
    [InlineData("ars-v2", "")]
    [InlineData("cma-es", "")]
    [InlineData("simple-ga", "")]
    [InlineData("simple-gaussian", "")]
    public void EvaluateMany_InLockstep_GivesTheBitsOfOneEpisodeAtATime_ForEveryStrategy(string strategy, string extra)
    {
        EsSettings settings = Settings("Pendulum-v1", "policy { type = mlp, hidden = [16, 16], action-noise = 0.02 }", 0, strategy, extra);
        AssertSameAsOneByOne(settings, generations: 2);
    }

    [Fact]
    public void EvaluateMany_TruncatesAtTheStepLimit_AsOneEpisodeDoes()
    {
        EsSettings settings = Settings("CartPole-v1", "policy { type = linear }", 16, "openai-es", "env.max-episode-steps = 17");
        TaskResult[] results = AssertSameAsOneByOne(settings, generations: 1);
        Assert.Contains(results, r => r.StepsPositive == 17);
        Assert.Contains(results, r => r.StepsPositive < 17);
    }

    [Theory]
    [InlineData(0, "")] // 64 lanes: a batch's last four or fewer busy lanes step in CartPoleLanes.StepLinear
    [InlineData(4, "env.max-episode-steps = 100")] // every step fused; truncation inside a 64-step chunk
    public void EvaluateMany_CartPoleLinear_FusedFewLaneSteps_GiveTheBitsOfOneEpisodeAtATime(int lanes, string extra)
    {
        EsSettings settings = Settings("CartPole-v1", "policy { type = linear }", lanes, "openai-es", "strategy.sigma = 1\n" + extra);
        TaskResult[] results = AssertSameAsOneByOne(settings, generations: 3);
        Assert.Contains(results, r => r.StepsPositive > CartPoleLanes.LinearChunk || r.StepsNegative > CartPoleLanes.LinearChunk);
        Assert.Contains(results, r => r.StepsPositive < 20 || r.StepsNegative < 20);
    }

    [Fact]
    public void LockstepRollouts_KeepNonFiniteReturnsAndUnevenLengths_BitForBit()
    {
        // An environment whose rewards overflow to ±∞ (so some returns are ∞, −∞ or NaN) and whose
        // episodes end at seed-dependent steps, terminated or truncated.
        var spec = PolicySpec.Mlp([8], Activation.Tanh, actionNoiseStd: 0.3f);
        var one = new PairEvaluator(new EpisodeFitness(new OverflowEnvironment(), new Policy(spec, OverflowEnvironment.Spec), episodes: 3));
        var lockstep = new LockstepRollouts(() => new OverflowEnvironment(), spec, lanes: 7, episodesPerCandidate: 3);
        var sampler = new FixedSampler(new Policy(spec, OverflowEnvironment.Spec).ParameterCount, seed: 11);
        var normalizer = ObservationNormalizer.FromStats(new ObservationStats([0.5, -1, 3], [9, 4, 100], 3));
        var tasks = Enumerable.Range(0, 23).Select(j => new EvaluationTask(0, j, j * 7, (ulong)(1000 + j), CollectStatistics: j % 3 != 0)).ToList();
        var results = new TaskResult[tasks.Count];
        lockstep.Evaluate(sampler, normalizer, tasks, results);
        for (int j = 0; j < tasks.Count; j++) AssertSame(one.Evaluate(sampler, normalizer, tasks[j]), results[j], $"task {j}");
        Assert.Contains(results, r => double.IsNaN(r.FitnessPositive) || double.IsNaN(r.FitnessNegative));
        Assert.Contains(results, r => double.IsInfinity(r.FitnessPositive) || double.IsInfinity(r.FitnessNegative));
        Assert.Contains(results, r => double.IsFinite(r.FitnessPositive));
        Assert.True(results.Select(r => r.StepsPositive).Distinct().Count() > 5, "the episodes should end at many different steps");
    }

    [Fact]
    public void LocalTrainer_WithLanes_EndsWithTheThetaOfOneEpisodeAtATime()
    {
        const string Text = """
            es {
              run.seed = 5
              env.id = Pendulum-v1
              policy { type = mlp, hidden = [16, 16], activation = tanh, action-noise = 0.01 }
              strategy { population = 24, sigma = 0.05, optimizer.learning-rate = 0.03 }
              normalization.sample-probability = 0.5
              evaluation { every = 2, episodes = 3 }
              noise.size = 100000
            }
            """;
        float[] Train(int lanes, int threads)
        {
            EsSettings settings = SettingsLoader.Parse(Text + $"\nes.rollouts.lanes = {lanes}", "lanes.conf");
            LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(threads);
            for (int g = 0; g < 4; g++) trainer.RunGeneration();
            return trainer.Learner.Parameters.ToArray();
        }
        float[] single = Train(lanes: 1, threads: 1);
        Assert.Equal(Bits(single), Bits(Train(lanes: 0, threads: 2)));
        Assert.Equal(Bits(single), Bits(Train(lanes: 3, threads: 1)));
    }

    [Theory]
    [InlineData(10, 48 * 1024, 64)]
    [InlineData(353, 48 * 1024, 16)]
    [InlineData(353, 32 * 1024, 16)]
    [InlineData(1474, 48 * 1024, 8)]
    [InlineData(1474, 256 * 1024, 16)]
    [InlineData(100, 48 * 1024, 48)]
    [InlineData(1474, 24 * 1024, 4)]
    [InlineData(2000, 16 * 1024, 2)]
    [InlineData(2048, 1 << 20, 64)]
    public void AutoLanes_FitsTheLanesWeightsInHalfOrAllOfL1(int parameters, long cache, int expected) =>
        Assert.Equal(expected, LockstepRollouts.AutoLanes(parameters, cache, level2Bytes: 1 << 20));

    [Theory]
    [InlineData(2049, 1 << 20, true, 16)] // just past 8 KiB a lane: sixteen lanes' 128 KiB fill under half of L2
    [InlineData(2049, 1 << 20, false, 8)] // without 512-bit vectors, one 256-bit vector of lanes
    [InlineData(4610, 1 << 20, true, 16)] // MLP 4-64-64-2: 288 KiB for 16 lanes
    [InlineData(4610, 1 << 20, false, 8)]
    [InlineData(4610, 512 * 1024, true, 8)] // 288 KiB would fill more than half: 8 lanes' 144 KiB
    [InlineData(17_410, 1 << 20, true, 8)] // MLP 4-128-128-2: 544 KiB for 8 lanes
    [InlineData(17_410, 512 * 1024, true, 1)] // 8 lanes would not fit L2: one episode at a time
    [InlineData(4610, 128 * 1024, true, 1)]
    public void AutoLanes_GivesBigPoliciesSixteenOrEightLanesWhereTheirWeightsFitL2_ElseOneEpisode(int parameters, long level2, bool wideVectors, int expected) =>
        Assert.Equal(expected, LockstepRollouts.AutoLanes(parameters, cacheBytes: 48 * 1024, level2Bytes: level2, wideVectors: wideVectors));

    // Action noise applies to continuous actions only (a discrete head refuses it as a key without effect).
    private static EsSettings Settings(string env, string policy, int lanes, string strategy, string extra) =>
        Parse(env, EnvironmentRegistry.GetSpec(env).ActionSpace is DiscreteSpace
            ? System.Text.RegularExpressions.Regex.Replace(policy, @",\s*action-noise\s*=\s*[0-9.eE+-]+", "")
            : policy, lanes, strategy, extra);

    private static EsSettings Parse(string env, string policy, int lanes, string strategy, string extra) =>
        SettingsLoader.Parse(string.Create(CultureInfo.InvariantCulture, $$"""
            es {
              run.seed = 9
              env.id = {{env}}
              {{policy}}
              strategy { name = {{strategy}}, population = 20, sigma = 0.5 }
              normalization.sample-probability = 0.5
              evaluation { every = 1, episodes = 3 }
              noise.size = 100000
              rollouts.lanes = {{lanes}}
              {{extra}}
            }
            """), "lockstep-test.conf");

    // Runs `generations` generations through one-by-one evaluation and compares a lockstep batch of every generation's tasks with it.
    private static TaskResult[] AssertSameAsOneByOne(EsSettings settings, int generations)
    {
        TrainingSetup setup = TrainingSetup.FromSettings(settings);
        Assert.True(setup.Lanes > 1, "the settings should give lanes");
        Learner learner = setup.CreateLearner();
        PairEvaluator one = new(setup.CreateFitness());
        PairEvaluator many = setup.CreateEvaluator();
        TaskResult[] batch = [];
        for (int g = 0; g < generations; g++)
        {
            IReadOnlyList<EvaluationTask> tasks = learner.Tasks();
            ICandidateSampler sampler = learner.Strategy.Sampler();
            batch = many.EvaluateMany(sampler, learner.Normalizer, tasks);
            var assembler = new GenerationAssembler(learner.Generation, tasks.Count);
            for (int j = 0; j < tasks.Count; j++)
            {
                TaskResult expected = one.Evaluate(sampler, learner.Normalizer, tasks[j]);
                AssertSame(expected, batch[j], $"{settings.Env.Id} generation {g} task {j}");
                assembler.Add(expected);
            }
            learner.Complete(assembler);
        }
        return batch;
    }

    private static void AssertSame(TaskResult expected, TaskResult actual, string what)
    {
        Assert.True(expected.Task == actual.Task && expected.Generation == actual.Generation, $"{what}: wrong task");
        Assert.True(BitConverter.DoubleToInt64Bits(expected.FitnessPositive) == BitConverter.DoubleToInt64Bits(actual.FitnessPositive),
            $"{what}: + fitness {expected.FitnessPositive:R} one by one, {actual.FitnessPositive:R} in lockstep");
        Assert.True(BitConverter.DoubleToInt64Bits(expected.FitnessNegative) == BitConverter.DoubleToInt64Bits(actual.FitnessNegative),
            $"{what}: − fitness {expected.FitnessNegative:R} one by one, {actual.FitnessNegative:R} in lockstep");
        Assert.True(expected.StepsPositive == actual.StepsPositive && expected.StepsNegative == actual.StepsNegative,
            $"{what}: steps {expected.StepsPositive}/{expected.StepsNegative} one by one, {actual.StepsPositive}/{actual.StepsNegative} in lockstep");
        Assert.True((expected.Statistics is null) == (actual.Statistics is null), $"{what}: statistics present in only one result");
        if (expected.Statistics is { } s && actual.Statistics is { } a)
        {
            Assert.True(s.Count == a.Count, $"{what}: statistics count {s.Count} one by one, {a.Count} in lockstep");
            Assert.True(Bits(s.Sum).SequenceEqual(Bits(a.Sum)) && Bits(s.SumSq).SequenceEqual(Bits(a.SumSq)), $"{what}: statistics sums differ");
        }
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    // Candidates θ ± ε with θ and the "noise" drawn from a seed: a sampler without a strategy behind it.
    private sealed class FixedSampler : ICandidateSampler
    {
        private readonly float[] _center;
        private readonly float[] _noise;

        public FixedSampler(int dimension, ulong seed)
        {
            var rng = new Rng(seed);
            _center = Enumerable.Range(0, dimension).Select(_ => (float)rng.NextGaussian()).ToArray();
            _noise = Enumerable.Range(0, dimension + 512).Select(_ => (float)rng.NextGaussian()).ToArray();
        }

        public long Generation => 0;

        public int Dimension => _center.Length;

        public int CandidatesPerTask => 2;

        public ReadOnlySpan<float> Center => _center;

        public void Materialize(in Candidate candidate, Span<float> destination)
        {
            for (int i = 0; i < destination.Length; i++) destination[i] = _center[i] + candidate.Sign * _noise[candidate.NoiseIndex + i];
        }
    }

    // Three observations, one continuous action; at a seed-dependent step (often after the episode
    // has ended) the reward overflows to +∞ or −∞, so a candidate's mean return over its episodes
    // is finite, infinite or NaN (both signs); episodes end at seed-dependent steps, terminated or truncated.
    private sealed class OverflowEnvironment : IEnvironment
    {
        public static readonly EnvironmentSpec Spec = new("Overflow-v0", new BoxSpace([-10f, -10f, -10f], [10f, 10f, 10f]), BoxSpace.Uniform(1, -1f, 1f), 60);

        private Rng _rng;
        private int _steps;
        private int _end;
        private int _overflow;
        private double _sign;

        EnvironmentSpec IEnvironment.Spec => Spec;

        public void Reset(ulong seed, Span<float> observation)
        {
            _rng = new Rng(seed);
            _steps = 0;
            _end = 5 + (int)(_rng.NextDouble() * 80); // beyond 60: truncated
            _overflow = 5 + (int)(_rng.NextDouble() * 200);
            _sign = _rng.NextDouble() < 0.5 ? -1 : 1;
            Observe(observation);
        }

        public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
        {
            _steps++;
            double reward = _steps == _overflow ? _sign * double.MaxValue * 10 : action[0] * _rng.NextDouble();
            Observe(observation);
            return new StepResult(reward, _steps >= _end, _steps >= Spec.MaxEpisodeSteps);
        }

        private void Observe(Span<float> observation)
        {
            for (int i = 0; i < observation.Length; i++) observation[i] = (float)(_rng.NextDouble() * 20 - 10);
        }
    }
}
