// Pins the bits of whole policy forward passes, so a change to initialization or the kernels
// that would make machines disagree (or old checkpoints act differently) fails loudly.
using Es.Core.Environments;
using Es.Core.Policies;
using Es.Core.Random;

namespace Es.Core.Tests.Policies;

public sealed class PolicyGoldenTests
{
    [Theory]
    [InlineData(Activation.Tanh, 0x00BCFB40699F4D2FUL)]
    [InlineData(Activation.Relu, 0xAA22771042903830UL)]
    public void MlpActions_ArePinned(Activation activation, ulong expected)
    {
        var environment = new EnvironmentSpec("Golden-v0", BoxSpace.Uniform(4, -10, 10), new BoxSpace([-1f, -2f], [1f, 0.5f]), 100);
        var policy = new Policy(PolicySpec.Mlp([64, 64], activation, actionNoiseStd: 0.1f, initOutputStd: 1f), environment);
        var parameters = new float[policy.ParameterCount];
        policy.Initialize(parameters, seed: 123);
        var inputs = new Rng(456);
        var noise = new Rng(789);
        var observation = new float[4];
        var action = new float[2];
        ulong hash = Rng.Mix(0, (ulong)parameters.Length);
        foreach (float p in parameters) hash = Rng.Mix(hash, BitConverter.SingleToUInt32Bits(p));

        for (int t = 0; t < 200; t++)
        {
            for (int i = 0; i < 4; i++) observation[i] = (float)inputs.NextGaussian() * 2f;
            policy.Act(parameters, observation, action, ref noise, addNoise: t % 2 == 0);
            foreach (float a in action) hash = Rng.Mix(hash, BitConverter.SingleToUInt32Bits(a));
        }

        Assert.Equal($"0x{expected:X16}", $"0x{hash:X16}");
    }
}
