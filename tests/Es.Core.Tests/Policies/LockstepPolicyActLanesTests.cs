// Pins LockstepPolicy.ActLanes (all lanes' actions at once: the discrete argmax and a one-component
// box head in vectors across lanes) to Policy.Act lane by lane, ties, NaN and signed zeros among
// the logits included, action noise on some lanes.
using Es.Core.Environments;
using Es.Core.Policies;
using Es.Core.Random;

namespace Es.Core.Tests.Policies;

public sealed class LockstepPolicyActLanesTests
{
    // Logits a lane may see: ties must go to the lowest index, NaN must never win, -0 and +0 tie.
    private static readonly float[] Special = [0f, -0f, 1f, 1f, -1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 2.5f];

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(33)]
    [InlineData(64)]
    public void ActLanes_GivesEachLanePolicyActsBits(int lanes)
    {
        var random = new System.Random(20261203 + lanes);
        foreach (Space actions in new Space[] { new DiscreteSpace(2), new DiscreteSpace(4), new BoxSpace([-2f, 0f], [2f, 1f]), new BoxSpace([-0.5f], [3f]) })
        {
            var env = new EnvironmentSpec("Test-v0", BoxSpace.Uniform(3, float.NegativeInfinity, float.PositiveInfinity), actions, 100);
            var policy = new Policy(PolicySpec.Linear(actionNoiseStd: 0.3f), env);
            var lockstep = new LockstepPolicy(policy, lanes);
            int outputs = policy.OutputSize, weights = 3 * outputs;
            // Zero weights for half the lanes, so their logits are their biases, chosen from the special values.
            float[][] parameters = Enumerable.Range(0, lanes).Select(k => Enumerable.Range(0, policy.ParameterCount)
                .Select(p => p < weights ? (k % 2 == 0 ? 0f : (float)(random.NextDouble() * 4 - 2)) : Special[random.Next(Special.Length)]).ToArray()).ToArray();
            for (int k = 0; k < lanes; k++) lockstep.Load(k, parameters[k]);
            for (int round = 0; round < 4; round++)
            {
                int used = round == 0 ? lanes : 1 + random.Next(lanes);
                float[][] observations = Enumerable.Range(0, used).Select(_ => Enumerable.Range(0, 3).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray()).ToArray();
                for (int k = 0; k < used; k++)
                    for (int c = 0; c < 3; c++) lockstep.Inputs[c * lockstep.Stride + k] = observations[k][c];
                lockstep.Forward(used);
                var actual = new float[lanes * policy.ActionSize];
                Rng[] noise = Enumerable.Range(0, lanes).Select(k => new Rng((ulong)(round * 1000 + k))).ToArray();
                bool[] training = Enumerable.Range(0, lanes).Select(k => k % 3 != 0).ToArray();
                lockstep.ActLanes(used, actual, noise, training);
                for (int k = 0; k < used; k++)
                {
                    var expected = new float[policy.ActionSize];
                    var expectedNoise = new Rng((ulong)(round * 1000 + k));
                    policy.Act(parameters[k], observations[k], expected, ref expectedNoise, training[k]);
                    float[] got = actual.AsSpan(k * policy.ActionSize, policy.ActionSize).ToArray();
                    Assert.True(expected.Select(BitConverter.SingleToInt32Bits).SequenceEqual(got.Select(BitConverter.SingleToInt32Bits)),
                        $"{actions} lane {k} of {used}/{lanes}: [{string.Join(", ", expected)}] one episode, [{string.Join(", ", got)}] from ActLanes");
                    Assert.Equal(expectedNoise.NextUInt64(), noise[k].NextUInt64());
                }
            }
        }
    }

    [Fact]
    public void ActLanes_RefusesShortBuffers()
    {
        var env = new EnvironmentSpec("Test-v0", BoxSpace.Uniform(2, -1, 1), new DiscreteSpace(2), 10);
        var lockstep = new LockstepPolicy(new Policy(PolicySpec.Linear(), env), 4);
        lockstep.Forward(4);
        Assert.Throws<ArgumentException>(() => lockstep.ActLanes(4, new float[3], new Rng[4], new bool[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => lockstep.ActLanes(5, new float[5], new Rng[5], new bool[5]));
    }
}
