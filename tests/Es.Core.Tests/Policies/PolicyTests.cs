// Behaviour of the flat-parameter policy: layout, initialization, heads, noise and validation.
using Es.Core.Environments;
using Es.Core.Policies;
using Es.Core.Random;

namespace Es.Core.Tests.Policies;

public sealed class PolicyTests
{
    private static EnvironmentSpec Env(int observationSize, Space actionSpace) =>
        new("Test-v0", BoxSpace.Uniform(observationSize, float.NegativeInfinity, float.PositiveInfinity), actionSpace, 100);

    [Theory]
    [InlineData(4, 2, new int[0], 4 * 2 + 2)]
    [InlineData(5, 3, new int[0], 5 * 3 + 3)]
    [InlineData(4, 2, new[] { 64, 64 }, 4 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2)]
    [InlineData(17, 6, new[] { 32 }, 17 * 32 + 32 + 32 * 6 + 6)]
    public void ParameterCount_IsTheSumOfWeightsAndBiasesOfEveryLayer(int observations, int actions, int[] hidden, int expected)
    {
        var spec = hidden.Length == 0 ? PolicySpec.Linear() : PolicySpec.Mlp(hidden);

        var continuous = new Policy(spec, Env(observations, BoxSpace.Uniform(actions, -1, 1)));
        var discrete = new Policy(spec, Env(observations, new DiscreteSpace(actions)));

        Assert.Equal(expected, continuous.ParameterCount);
        Assert.Equal(expected, discrete.ParameterCount);
        Assert.Equal(actions, continuous.ActionSize);
        Assert.Equal(1, discrete.ActionSize);
        Assert.Equal([observations, .. hidden, actions], continuous.LayerSizes);
    }

    [Fact]
    public void Initialize_NormalizesEachUnitsIncomingWeights_AndZeroesBiases()
    {
        var policy = new Policy(PolicySpec.Mlp([16, 8], initOutputStd: 0.05f), Env(5, BoxSpace.Uniform(3, -1, 1)));
        var parameters = new float[policy.ParameterCount];
        parameters.AsSpan().Fill(float.NaN);

        policy.Initialize(parameters, seed: 20230828);

        int offset = 0;
        var sizes = policy.LayerSizes;
        for (int l = 0; l + 1 < sizes.Count; l++)
        {
            int inputs = sizes[l], outputs = sizes[l + 1];
            double expectedNorm = l + 2 == sizes.Count ? 0.05 : 1.0;
            for (int o = 0; o < outputs; o++)
            {
                double norm = Math.Sqrt(Enumerable.Range(0, inputs).Sum(i => (double)parameters[offset + i * outputs + o] * parameters[offset + i * outputs + o]));
                Assert.Equal(expectedNorm, norm, expectedNorm * 1e-6);
            }
            offset += inputs * outputs;
            Assert.All(parameters.AsSpan(offset, outputs).ToArray(), b => Assert.Equal(0f, b));
            offset += outputs;
        }
        Assert.Equal(policy.ParameterCount, offset);
    }

    [Fact]
    public void Initialize_IsAFunctionOfTheSeed()
    {
        var policy = new Policy(PolicySpec.Mlp([8]), Env(3, new DiscreteSpace(2)));
        var a = new float[policy.ParameterCount];
        var b = new float[policy.ParameterCount];
        var c = new float[policy.ParameterCount];

        policy.Initialize(a, 1);
        policy.Initialize(b, 1);
        policy.Initialize(c, 2);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void LinearContinuousPolicy_MatchesAHandComputation()
    {
        // Two observations, two actions with bounds [−2, 2] and [0, 1].
        var policy = new Policy(PolicySpec.Linear(), Env(2, new BoxSpace([-2f, 0f], [2f, 1f])));
        float[] parameters = [0.5f, -1f, 0.25f, 2f, 0.1f, -0.3f]; // W = [[0.5, −1], [0.25, 2]], b = [0.1, −0.3]
        float[] observation = [1f, -0.5f];
        var action = new float[2];

        policy.Act(parameters, observation, action);

        double z0 = 0.1 + 1 * 0.5 + -0.5 * 0.25, z1 = -0.3 + 1 * -1 + -0.5 * 2;
        Assert.Equal(2 * Math.Tanh(z0), action[0], 1e-6);
        Assert.Equal(0.5 + 0.5 * Math.Tanh(z1), action[1], 1e-6);
    }

    [Fact]
    public void LinearDiscretePolicy_PicksTheLargestLogit()
    {
        var policy = new Policy(PolicySpec.Linear(), Env(2, new DiscreteSpace(3)));
        float[] parameters = [1f, 0f, -1f, 0f, 1f, 3f, 0f, 0f, 0f]; // logits = [x0, x1, −x0 + 3 x1]
        var action = new float[1];

        policy.Act(parameters, [2f, 1f], action);
        Assert.Equal(0f, action[0]); // [2, 1, 1]
        policy.Act(parameters, [0f, 1f], action);
        Assert.Equal(2f, action[0]); // [0, 1, 3]
        policy.Act(parameters, [-1f, 0.1f], action);
        Assert.Equal(2f, action[0]); // [−1, 0.1, 1.3]
    }

    [Fact]
    public void DiscreteTies_GoToTheLowestIndex()
    {
        var policy = new Policy(PolicySpec.Linear(), Env(1, new DiscreteSpace(4)));
        var action = new float[1];

        policy.Act(new float[policy.ParameterCount], [1f], action); // all logits 0
        Assert.Equal(0f, action[0]);

        float[] parameters = [0f, 0f, 0f, 0f, 1f, 3f, 3f, 2f]; // logits [1, 3, 3, 2]
        policy.Act(parameters, [1f], action);
        Assert.Equal(1f, action[0]);
    }

    [Fact]
    public void Mlp_MatchesADoublePrecisionReference()
    {
        var random = new System.Random(20230828);
        foreach (var activation in new[] { Activation.Tanh, Activation.Relu })
        {
            var policy = new Policy(PolicySpec.Mlp([64, 32], activation), Env(11, BoxSpace.Uniform(3, -1, 1)));
            float[] parameters = Enumerable.Range(0, policy.ParameterCount).Select(_ => (float)((random.NextDouble() * 2 - 1) * 0.4)).ToArray();
            for (int trial = 0; trial < 50; trial++)
            {
                float[] observation = Enumerable.Range(0, 11).Select(_ => (float)((random.NextDouble() * 2 - 1) * 5)).ToArray();

                float[] outputs = policy.Forward(parameters, observation).ToArray();
                double[] expected = ReferenceForward(policy.LayerSizes, activation, parameters, observation);

                for (int j = 0; j < outputs.Length; j++)
                    Assert.True(Math.Abs(outputs[j] - expected[j]) <= 1e-5 * Math.Max(1, Math.Abs(expected[j])), $"{activation} output {j}: {outputs[j]} vs {expected[j]}");

                var action = new float[3];
                policy.Act(parameters, observation, action);
                for (int j = 0; j < 3; j++) Assert.Equal(Math.Tanh(expected[j]), action[j], 1e-5);
            }
        }
    }

    [Fact]
    public void ContinuousActions_StayInBounds_WithHugeOutputsAndNoise()
    {
        var box = new BoxSpace([-2f, 0f, 10f], [0.5f, 3f, 10.001f]);
        var policy = new Policy(PolicySpec.Mlp([16], actionNoiseStd: 5f), Env(4, box));
        var parameters = new float[policy.ParameterCount];
        policy.Initialize(parameters, 3);
        for (int i = 0; i < parameters.Length; i++) parameters[i] *= 1e4f;
        var random = new System.Random(20230828);
        var noise = new Rng(20230828);
        var action = new float[3];
        bool hitLow = false, hitHigh = false;

        for (int trial = 0; trial < 2000; trial++)
        {
            float[] observation = Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 10 - 5)).ToArray();
            policy.Act(parameters, observation, action, ref noise, addNoise: trial % 2 == 0);
            for (int j = 0; j < 3; j++)
            {
                Assert.InRange(action[j], box.Low[j], box.High[j]);
                hitLow |= action[j] == box.Low[j];
                hitHigh |= action[j] == box.High[j];
            }
        }

        Assert.True(hitLow && hitHigh);
    }

    [Fact]
    public void WithoutNoise_ActionsAreRepeatable_AndTheNoiseGeneratorIsUntouched()
    {
        var policy = new Policy(PolicySpec.Mlp([8], actionNoiseStd: 0.3f), Env(3, BoxSpace.Uniform(2, -1, 1)));
        var parameters = new float[policy.ParameterCount];
        policy.Initialize(parameters, 9);
        parameters[^1] = 0.2f;
        var noise = new Rng(5);
        var reference = new Rng(5);
        var first = new float[2];
        var second = new float[2];

        policy.Act(parameters, [0.1f, 0.2f, -0.3f], first, ref noise, addNoise: false);
        policy.Act(parameters, [0.1f, 0.2f, -0.3f], second, ref noise, addNoise: false);

        Assert.Equal(first, second);
        Assert.Equal(reference.NextUInt64(), noise.NextUInt64());
    }

    [Fact]
    public void SameNoiseSeed_GivesTheSameNoisyActions_AndADifferentSeedDoesNot()
    {
        var policy = new Policy(PolicySpec.Linear(actionNoiseStd: 0.1f), Env(3, BoxSpace.Uniform(2, -1, 1)));
        var parameters = new float[policy.ParameterCount];
        policy.Initialize(parameters, 9);

        float[] Run(ulong seed)
        {
            var noise = new Rng(seed);
            var actions = new List<float>();
            var action = new float[2];
            for (int t = 0; t < 20; t++)
            {
                policy.Act(parameters, [t * 0.1f, 0.5f, -0.2f], action, ref noise, addNoise: true);
                actions.AddRange(action);
            }
            return actions.ToArray();
        }

        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
    }

    [Fact]
    public void NoisyActions_DifferFromCleanOnesByTheConfiguredStd()
    {
        var policy = new Policy(PolicySpec.Linear(actionNoiseStd: 0.05f), Env(1, BoxSpace.Uniform(1, -10, 10)));
        var parameters = new float[policy.ParameterCount]; // clean action is 0, far from the bounds
        var noise = new Rng(20230828);
        var action = new float[1];
        double sumSquares = 0;
        const int n = 20000;

        for (int t = 0; t < n; t++)
        {
            policy.Act(parameters, [1f], action, ref noise, addNoise: true);
            sumSquares += action[0] * (double)action[0];
        }

        Assert.Equal(0.05, Math.Sqrt(sumSquares / n), 0.002);
    }

    [Fact]
    public void DiscretePolicy_IgnoresActionNoise_AndLeavesTheGeneratorAlone()
    {
        var policy = new Policy(PolicySpec.Linear(actionNoiseStd: 1f), Env(2, new DiscreteSpace(3)));
        var parameters = new float[policy.ParameterCount];
        policy.Initialize(parameters, 4);
        var noise = new Rng(5);
        var reference = new Rng(5);
        var clean = new float[1];
        var noisy = new float[1];

        policy.Act(parameters, [0.3f, -0.7f], clean);
        policy.Act(parameters, [0.3f, -0.7f], noisy, ref noise, addNoise: true);

        Assert.Equal(clean, noisy);
        Assert.Equal(reference.NextUInt64(), noise.NextUInt64());
    }

    [Fact]
    public void Act_WithWrongBufferLengths_Throws()
    {
        var policy = new Policy(PolicySpec.Linear(), Env(3, BoxSpace.Uniform(2, -1, 1)));
        var parameters = new float[policy.ParameterCount];

        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => policy.Act(new float[5], new float[3], new float[2])).ParamName);
        Assert.Equal("observation", Assert.Throws<ArgumentException>(() => policy.Act(parameters, new float[4], new float[2])).ParamName);
        Assert.Equal("action", Assert.Throws<ArgumentException>(() => policy.Act(parameters, new float[3], new float[1])).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => policy.Initialize(new float[3], 1)).ParamName);
    }

    public static TheoryData<PolicySpec> InvalidSpecs => new()
    {
        new PolicySpec(PolicyKind.Linear, [8], Activation.Tanh, 0f),
        new PolicySpec(PolicyKind.Mlp, [], Activation.Tanh, 0f),
        new PolicySpec(PolicyKind.Mlp, [8, 0], Activation.Tanh, 0f),
        new PolicySpec(PolicyKind.Mlp, [8], (Activation)7, 0f),
        new PolicySpec((PolicyKind)9, [], Activation.Tanh, 0f),
        new PolicySpec(PolicyKind.Linear, [], Activation.Tanh, -0.1f),
        new PolicySpec(PolicyKind.Linear, [], Activation.Tanh, float.NaN),
        new PolicySpec(PolicyKind.Linear, [], Activation.Tanh, 0f, 0f),
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void InvalidSpec_IsRejected(PolicySpec spec)
    {
        var error = Assert.Throws<ArgumentException>(() => new Policy(spec, Env(3, new DiscreteSpace(2))));
        Assert.Equal("spec", error.ParamName);
    }

    [Fact]
    public void BoxWithInfiniteBounds_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Policy(PolicySpec.Linear(), Env(3, BoxSpace.Uniform(2, float.NegativeInfinity, 1))));
        Assert.Equal("environment", error.ParamName);
    }

    [Fact]
    public void PolicySpec_ComparesHiddenSizesByValue()
    {
        Assert.Equal(PolicySpec.Mlp([64, 64]), PolicySpec.Mlp([64, 64]));
        Assert.Equal(PolicySpec.Mlp([64, 64]).GetHashCode(), PolicySpec.Mlp([64, 64]).GetHashCode());
        Assert.NotEqual(PolicySpec.Mlp([64, 64]), PolicySpec.Mlp([64, 32]));
        Assert.NotEqual(PolicySpec.Mlp([64]), PolicySpec.Mlp([64], Activation.Relu));
    }

    private static double[] ReferenceForward(IReadOnlyList<int> sizes, Activation activation, float[] parameters, float[] observation)
    {
        double[] input = observation.Select(v => (double)v).ToArray();
        int offset = 0;
        for (int l = 0; l + 1 < sizes.Count; l++)
        {
            int inputs = sizes[l], outputs = sizes[l + 1];
            var output = new double[outputs];
            for (int o = 0; o < outputs; o++)
            {
                double s = parameters[offset + inputs * outputs + o];
                for (int i = 0; i < inputs; i++) s += input[i] * parameters[offset + i * outputs + o];
                output[o] = l + 2 == sizes.Count ? s : activation == Activation.Tanh ? Math.Tanh(s) : Math.Max(s, 0);
            }
            offset += inputs * outputs + outputs;
            input = output;
        }
        return input;
    }
}
