// Pins the recurrent policies: PyTorch's GRU and LSTM equations, the parameter layout, the state carried between steps and reset per episode.
namespace Es.Core.Tests.Policies;

using Es.Core.Environments;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Policies;

public sealed class RecurrentPolicyTests
{
    private static EnvironmentSpec Env(int observations, int actions) =>
        new("test", BoxSpace.Uniform(observations, -10, 10), new DiscreteSpace(actions), 100);

    private static float[] Parameters(Policy policy, int seed, double scale)
    {
        var random = new System.Random(seed);
        return Enumerable.Range(0, policy.ParameterCount).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();
    }

    [Theory]
    [InlineData(PolicyKind.Gru, 3)]
    [InlineData(PolicyKind.Lstm, 4)]
    public void ParameterCount_IsTheCellsGatesPlusTheLinearHead(PolicyKind kind, int gates)
    {
        var policy = new Policy(PolicySpec.Recurrent(kind, 6), Env(5, 3));
        Assert.Equal(gates * 6 * (5 + 6 + 2) + 6 * 3 + 3, policy.ParameterCount);
        Assert.True(policy.IsRecurrent);
        Assert.Equal([5, 6, 3], policy.LayerSizes);
    }

    [Theory]
    [InlineData(PolicyKind.Gru)]
    [InlineData(PolicyKind.Lstm)]
    public void Outputs_FollowTheCellEquations_ComputedInDouble(PolicyKind kind)
    {
        const int inputs = 3, size = 4, outputs = 2;
        var policy = new Policy(PolicySpec.Recurrent(kind, size), Env(inputs, outputs));
        float[] theta = Parameters(policy, 20230828, 0.8);
        var h = new double[size];
        var c = new double[size];
        var random = new System.Random(7);
        for (int t = 0; t < 6; t++)
        {
            float[] x = Enumerable.Range(0, inputs).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            float[] actual = policy.Forward(theta, x).ToArray();
            double[] expected = Reference(kind, theta, x, h, c, inputs, size, outputs);
            for (int o = 0; o < outputs; o++)
                Assert.True(Math.Abs(actual[o] - expected[o]) < 1e-5, $"step {t}, output {o}: {actual[o]} vs {expected[o]} in double");
        }
    }

    // PyTorch's equations over the documented layout: W_x [in][G·H], b_x, W_h [H][G·H], b_h, head [H][out], b.
    private static double[] Reference(PolicyKind kind, float[] p, float[] x, double[] h, double[] c, int inputs, int size, int outputs)
    {
        int gates = kind == PolicyKind.Lstm ? 4 : 3, width = gates * size;
        int wx = 0, bx = inputs * width, wh = bx + width, bh = wh + size * width, head = bh + width;
        double Gx(int j) { double s = p[bx + j]; for (int i = 0; i < inputs; i++) s += x[i] * p[wx + i * width + j]; return s; }
        double Gh(int j) { double s = p[bh + j]; for (int i = 0; i < size; i++) s += h[i] * p[wh + i * width + j]; return s; }
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        var next = new double[size];
        for (int j = 0; j < size; j++)
        {
            if (kind == PolicyKind.Lstm)
            {
                double i = Sigmoid(Gx(j) + Gh(j)), f = Sigmoid(Gx(size + j) + Gh(size + j));
                double g = Math.Tanh(Gx(2 * size + j) + Gh(2 * size + j)), o = Sigmoid(Gx(3 * size + j) + Gh(3 * size + j));
                c[j] = f * c[j] + i * g;
                next[j] = o * Math.Tanh(c[j]);
            }
            else
            {
                double r = Sigmoid(Gx(j) + Gh(j)), z = Sigmoid(Gx(size + j) + Gh(size + j));
                double n = Math.Tanh(Gx(2 * size + j) + r * Gh(2 * size + j));
                next[j] = (1 - z) * n + z * h[j];
            }
        }
        next.CopyTo(h, 0);
        var y = new double[outputs];
        for (int o = 0; o < outputs; o++)
        {
            y[o] = p[head + size * outputs + o];
            for (int i = 0; i < size; i++) y[o] += h[i] * p[head + i * outputs + o];
        }
        return y;
    }

    [Theory]
    [InlineData(PolicyKind.Gru)]
    [InlineData(PolicyKind.Lstm)]
    public void TheFirstObservation_StillShowsInLaterOutputs_AndResetStateForgetsIt(PolicyKind kind)
    {
        var policy = new Policy(PolicySpec.Recurrent(kind, 8), Env(2, 2));
        var theta = new float[policy.ParameterCount];
        policy.Initialize(theta, 5);
        float[] Run(float first)
        {
            policy.ResetState();
            policy.Forward(theta, [first, 0f]);
            for (int t = 0; t < 9; t++) policy.Forward(theta, [0f, 0f]);
            return policy.Forward(theta, [0f, 1f]).ToArray();
        }
        float[] a = Run(1f), b = Run(-1f);
        Assert.NotEqual(a, b);
        Assert.Equal(a, Run(1f)); // the reset makes the same sequence give the same bits
    }

    [Fact]
    public void EpisodeRunner_ResetsTheState_SoAnEpisodeDependsOnItselfOnly()
    {
        IStatefulEnvironment env = EnvironmentRegistry.Create(MaskedEnvironment.CartPoleId);
        var policy = new Policy(PolicySpec.Recurrent(PolicyKind.Gru, 8, initOutputStd: 1f), env.Spec);
        float[] theta = Parameters(policy, 3, 0.5);
        var runner = new EpisodeRunner(env, policy);
        var normalizer = ObservationNormalizer.Identity(env.Spec.ObservationSize);
        EpisodeResult first = runner.Run(theta, normalizer, 11, 0, null, false);
        runner.Run(theta, normalizer, 12, 0, null, false);
        EpisodeResult again = runner.Run(theta, normalizer, 11, 0, null, false);
        Assert.Equal(first, again);
        var fresh = new EpisodeRunner(EnvironmentRegistry.Create(MaskedEnvironment.CartPoleId), new Policy(policy.Spec, env.Spec));
        Assert.Equal(first, fresh.Run(theta, normalizer, 11, 0, null, false));
    }

    [Fact]
    public void Initialize_SetsTheMemoryGateBias_AndIsAPureFunctionOfTheSeed()
    {
        var lstm = new Policy(PolicySpec.Recurrent(PolicyKind.Lstm, 4), Env(3, 2));
        var a = new float[lstm.ParameterCount];
        var b = new float[lstm.ParameterCount];
        lstm.Initialize(a, 9);
        lstm.Initialize(b, 9);
        Assert.Equal(a, b);
        int biasX = 3 * 16;
        Assert.Equal([0f, 0f, 0f, 0f, 3f, 3f, 3f, 3f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], a[biasX..(biasX + 16)]);
    }

    [Fact]
    public void InconsistentRecurrentSpecs_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new Policy(new PolicySpec(PolicyKind.Gru, [], Activation.Tanh, 0f), Env(2, 2)));
        Assert.Throws<ArgumentException>(() => new Policy(new PolicySpec(PolicyKind.Lstm, [8], Activation.Tanh, 0f, 0.01f, 4), Env(2, 2)));
        Assert.Throws<ArgumentException>(() => new Policy(new PolicySpec(PolicyKind.Mlp, [8], Activation.Tanh, 0f, 0.01f, 4), Env(2, 2)));
        Assert.Throws<ArgumentException>(() => new Policy(new PolicySpec(PolicyKind.Gru, [], Activation.Tanh, 0f, 0.01f, -1), Env(2, 2)));
    }
}
