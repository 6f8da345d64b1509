// Pins the convolutional policy: valid convolutions over channel-major pixels match a plain double-precision reference, the layout, both heads, and the refusals.
namespace Es.Core.Tests.Policies;

using Es.Core.Environments;
using Es.Core.Policies;

public sealed class ConvPolicyTests
{
    private static EnvironmentSpec Pixels(int channels, int size, Space actions) =>
        new("pixels", BoxSpace.Uniform(channels * size * size, 0, 1) with { Shape = [channels, size, size] }, actions, 100);

    [Fact]
    public void ParameterCount_IsEachConvKernelAndBiasThenTheDenseLayers()
    {
        var spec = PolicySpec.Convolutional([new ConvLayer(6, 3, 1), new ConvLayer(4, 2, 2)], [5]);
        var policy = new Policy(spec, Pixels(3, 10, new DiscreteSpace(4)));
        // 10x10 -> 8x8x6 -> 4x4x4 = 64 -> 5 -> 4.
        Assert.Equal((3 * 9 * 6 + 6) + (6 * 4 * 4 + 4) + (64 * 5 + 5) + (5 * 4 + 4), policy.ParameterCount);
        var vbn = new Policy(spec with { VirtualBatchNorm = true }, Pixels(3, 10, new DiscreteSpace(4)));
        Assert.Equal(policy.ParameterCount + 6 + 4 + 5, vbn.ParameterCount); // γ of every conv and hidden layer
    }

    [Fact]
    public void Outputs_MatchAPlainConvolutionComputedInDouble()
    {
        const int channels = 2, size = 6, filters = 3, kernel = 3, stride = 2, actions = 2;
        var spec = PolicySpec.Convolutional([new ConvLayer(filters, kernel, stride)], [], activation: Activation.Tanh);
        var policy = new Policy(spec, Pixels(channels, size, new DiscreteSpace(actions)));
        var random = new System.Random(20230828);
        float[] theta = Enumerable.Range(0, policy.ParameterCount).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] x = Enumerable.Range(0, channels * size * size).Select(_ => (float)random.NextDouble()).ToArray();
        policy.BeginEpisode(theta, null);
        float[] actual = policy.Forward(theta, x).ToArray();

        int outSize = (size - kernel) / stride + 1; // 2
        int patch = channels * kernel * kernel;
        var hidden = new double[outSize * outSize * filters]; // rows × columns × channels
        for (int oy = 0; oy < outSize; oy++)
            for (int ox = 0; ox < outSize; ox++)
                for (int f = 0; f < filters; f++)
                {
                    double z = theta[patch * filters + f];
                    for (int c = 0; c < channels; c++)
                        for (int dy = 0; dy < kernel; dy++)
                            for (int dx = 0; dx < kernel; dx++)
                                z += x[(c * size + oy * stride + dy) * size + ox * stride + dx] * theta[((c * kernel + dy) * kernel + dx) * filters + f];
                    hidden[(oy * outSize + ox) * filters + f] = Math.Tanh(z);
                }
        int head = patch * filters + filters;
        for (int o = 0; o < actions; o++)
        {
            double y = theta[head + hidden.Length * actions + o];
            for (int i = 0; i < hidden.Length; i++) y += hidden[i] * theta[head + i * actions + o];
            Assert.True(Math.Abs(actual[o] - y) < 1e-5, $"output {o}: {actual[o]} vs {y} in double");
        }
    }

    [Fact]
    public void ContinuousHead_MapsIntoTheBox()
    {
        var policy = new Policy(PolicySpec.Convolutional([new ConvLayer(4, 3, 1)], [8], initOutputStd: 5f), Pixels(1, 5, BoxSpace.Uniform(2, -2, 3)));
        var theta = new float[policy.ParameterCount];
        policy.Initialize(theta, 3);
        var action = new float[2];
        policy.BeginEpisode(theta, null);
        policy.Act(theta, Enumerable.Range(0, 25).Select(i => (float)(i % 3)).ToArray(), action);
        Assert.All(action, a => Assert.InRange(a, -2f, 3f));
    }

    [Fact]
    public void SameParametersAndObservation_GiveTheSameBits_AndInitializeIsAPureFunctionOfTheSeed()
    {
        var spec = PolicySpec.Convolutional([new ConvLayer(8, 3, 1)], [16]);
        var a = new Policy(spec, Pixels(4, 10, new DiscreteSpace(3)));
        var b = new Policy(spec, Pixels(4, 10, new DiscreteSpace(3)));
        var ta = new float[a.ParameterCount];
        var tb = new float[b.ParameterCount];
        a.Initialize(ta, 8);
        b.Initialize(tb, 8);
        Assert.Equal(ta, tb);
        float[] x = Enumerable.Range(0, 400).Select(i => (float)((i * 7919) % 5 == 0 ? 1 : 0)).ToArray();
        Assert.Equal(a.Forward(ta, x).ToArray(), b.Forward(tb, x).ToArray());
    }

    [Fact]
    public void VectorObservations_AndKernelsThatDoNotFit_AreRefused()
    {
        var vector = new EnvironmentSpec("vector", BoxSpace.Uniform(100, 0, 1), new DiscreteSpace(2), 10);
        Assert.Contains("pixel observations", Assert.Throws<ArgumentException>(() => new Policy(PolicySpec.Convolutional([new ConvLayer(4, 3, 1)], []), vector)).Message);
        Assert.Contains("does not fit", Assert.Throws<ArgumentException>(() => new Policy(PolicySpec.Convolutional([new ConvLayer(4, 11, 1)], []), Pixels(1, 10, new DiscreteSpace(2)))).Message);
        Assert.Throws<ArgumentException>(() => new Policy(PolicySpec.Convolutional([], []), Pixels(1, 10, new DiscreteSpace(2))));
        Assert.Throws<ArgumentException>(() => new Policy(PolicySpec.Mlp([8]) with { VirtualBatchNorm = true }, vector));
    }
}
