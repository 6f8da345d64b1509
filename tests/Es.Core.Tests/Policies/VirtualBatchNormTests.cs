// Pins virtual batch normalization: statistics from the reference batch under the episode's parameters, scale invariance, the batch's collection and its place in checkpoints.
namespace Es.Core.Tests.Policies;

using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Evaluation;
using Es.Core.Policies;
using Es.Core.Training;

public sealed class VirtualBatchNormTests
{
    private static readonly PolicySpec Spec = PolicySpec.Convolutional([new ConvLayer(6, 3, 1), new ConvLayer(4, 3, 2)], [12], virtualBatchNorm: true);

    private static (Policy Policy, float[] Theta, float[] Batch) Setup(ulong seed = 3)
    {
        IStatefulEnvironment env = EnvironmentRegistry.Create(BreakoutEnvironment.EnvironmentId);
        var policy = new Policy(Spec, env.Spec);
        var theta = new float[policy.ParameterCount];
        policy.Initialize(theta, 4);
        var random = new System.Random(20230828);
        for (int i = 0; i < theta.Length; i++) theta[i] += (float)(0.2 * (random.NextDouble() - 0.5));
        float[] batch = ReferenceBatch.Collect(env, seed, 24);
        policy.SetReferenceBatch(batch);
        return (policy, theta, batch);
    }

    private static float[] Observation()
    {
        var obs = new float[400];
        new BreakoutEnvironment().Reset(77, obs);
        return obs;
    }

    [Fact]
    public void ActingBeforeBeginEpisode_IsRefused()
    {
        var (policy, theta, _) = Setup();
        Assert.Throws<InvalidOperationException>(() => policy.Forward(theta, Observation()));
    }

    [Fact]
    public void ScalingTheFirstConvWeights_DoesNotChangeTheOutputs()
    {
        // Normalization divides by the batch's spread under the same parameters: a layer's scale cancels.
        var (policy, theta, _) = Setup();
        policy.BeginEpisode(theta, null);
        float[] before = policy.Forward(theta, Observation()).ToArray();
        float[] scaled = (float[])theta.Clone();
        for (int i = 0; i < 4 * 9 * 6; i++) scaled[i] *= 4f;
        policy.BeginEpisode(scaled, null);
        float[] after = policy.Forward(scaled, Observation()).ToArray();
        for (int o = 0; o < before.Length; o++) Assert.True(Math.Abs(before[o] - after[o]) < 1e-4, $"output {o}: {before[o]} vs {after[o]}");
    }

    [Fact]
    public void TheStatistics_ComeFromTheReferenceBatch()
    {
        var (policy, theta, _) = Setup(seed: 3);
        policy.BeginEpisode(theta, null);
        float[] one = policy.Forward(theta, Observation()).ToArray();
        var (other, _, _) = Setup(seed: 4);
        other.BeginEpisode(theta, null);
        Assert.NotEqual(one, other.Forward(theta, Observation()).ToArray());
        var (same, _, _) = Setup(seed: 3);
        same.BeginEpisode(theta, null);
        Assert.Equal(one, same.Forward(theta, Observation()).ToArray());
    }

    [Fact]
    public void ReferenceBatch_IsAPureFunctionOfTheSeed_OfDistinctObservationsOfTheTask()
    {
        float[] a = ReferenceBatch.Collect(new FreewayEnvironment(), 9, 16);
        float[] b = ReferenceBatch.Collect(new FreewayEnvironment(), 9, 16);
        Assert.Equal(a, b);
        Assert.Equal(16 * 300, a.Length);
        Assert.NotEqual(a, ReferenceBatch.Collect(new FreewayEnvironment(), 10, 16));
        var rows = Enumerable.Range(0, 16).Select(i => string.Join(",", a.Skip(i * 300).Take(300))).ToArray();
        Assert.True(rows.Distinct().Count() > 8, "the batch should hold varied observations");
        Assert.All(rows, r => Assert.Equal(1, r.Split(',').Take(100).Count(v => v == "1"))); // one chicken each
    }

    [Fact]
    public void TheLearnersCheckpoint_CarriesTheReferenceBatchBitForBit_AndRestoreRefusesAnother()
    {
        EsSettings settings = SettingsLoader.Parse(
            "es { env.id = PixelFreeway-v0, policy { type = conv, hidden = [], conv { channels = [4], kernels = [3], strides = [2], virtual-batch-norm = true, reference-batch = 8 } }, strategy.population = 8, noise.size = 1M, normalization.enabled = false }",
            "vbn.conf");
        TrainingSetup setup = TrainingSetup.FromSettings(settings);
        Assert.Equal(8 * 300, setup.ReferenceBatch!.Length);
        Assert.Equal(setup.ReferenceBatch, TrainingSetup.FromSettings(settings).ReferenceBatch);
        LocalTrainer trainer = setup.CreateLocalTrainer(1);
        trainer.RunGeneration();
        Checkpoint saved = CheckpointFile.Deserialize(CheckpointFile.Serialize(trainer.Learner.ToCheckpoint(settings.Env.Id, 0, settings.ToHocon())), "memory");
        Assert.Equal(setup.ReferenceBatch.Select(BitConverter.SingleToInt32Bits), saved.ReferenceBatch!.Select(BitConverter.SingleToInt32Bits));

        Learner resumed = TrainingSetup.FromSettings(settings).CreateLearner();
        resumed.Restore(saved);
        Assert.Equal(trainer.Learner.Parameters.ToArray(), resumed.Parameters.ToArray());
        float[] other = (float[])saved.ReferenceBatch!.Clone();
        other[5] = 0.5f;
        Assert.Contains("reference batch", Assert.Throws<ArgumentException>(() => TrainingSetup.FromSettings(settings).CreateLearner().Restore(saved with { ReferenceBatch = other })).Message);
    }
}
