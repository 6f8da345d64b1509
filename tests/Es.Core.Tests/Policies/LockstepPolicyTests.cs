// Pins the lanes of LockstepPolicy to Policy.Act: the same action bits for every lane count, kernel width, head and activation.
using Es.Core.Environments;
using Es.Core.Policies;
using Es.Core.Random;

namespace Es.Core.Tests.Policies;

public sealed class LockstepPolicyTests
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        // 1 lane runs the scalar kernel, 2-4 the 128-bit one, 5-8 the 256-bit one, 9+ the 512-bit one (where accelerated);
        // the tanh network's 17 and 6 units make two whole blocks of outputs and a last one of 1, then one of 6.
        // 64 lanes: Forward activates whole rows with up to 32 idle lanes a slot, the busy lanes' slices with more.
        foreach (int lanes in new[] { 1, 3, 4, 7, 8, 13, 16, 33, 64 })
            foreach (string policy in new[] { "linear", "tanh", "relu" })
                data.Add(lanes, policy);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryLane_ActsAsPolicyAct_BitForBit(int lanes, string kind)
    {
        var random = new System.Random(20261202 + lanes);
        PolicySpec spec = kind switch
        {
            "linear" => PolicySpec.Linear(actionNoiseStd: 0.2f),
            "tanh" => PolicySpec.Mlp([17, 6], Activation.Tanh, actionNoiseStd: 0.2f),
            _ => PolicySpec.Mlp([9, 6], Activation.Relu, actionNoiseStd: 0.2f),
        };
        foreach (Space actions in new Space[] { new DiscreteSpace(3), new BoxSpace([-2f, 0f], [2f, 1f]) })
        {
            var env = new EnvironmentSpec("Test-v0", BoxSpace.Uniform(5, float.NegativeInfinity, float.PositiveInfinity), actions, 100);
            var policy = new Policy(spec, env);
            var lockstep = new LockstepPolicy(policy, lanes);
            // Large weights and inputs push tanh into saturation and relu below zero; some inputs are ±0.
            float[][] parameters = Enumerable.Range(0, lanes).Select(_ => Enumerable.Range(0, policy.ParameterCount).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray()).ToArray();
            for (int k = 0; k < lanes; k++) lockstep.Load(k, parameters[k]);
            // All lanes, two random counts, a few lanes and most of them.
            for (int round = 0; round < 5; round++)
            {
                int used = round switch { 0 => lanes, 3 => Math.Max(1, lanes / 8), 4 => lanes - lanes / 4, _ => 1 + random.Next(lanes) };
                float[][] observations = Enumerable.Range(0, used).Select(_ => Enumerable.Range(0, 5).Select(i => i == 4 ? -0f : (float)(random.NextDouble() * 8 - 4)).ToArray()).ToArray();
                for (int k = 0; k < used; k++)
                    for (int c = 0; c < 5; c++) lockstep.Inputs[c * lockstep.Stride + k] = observations[k][c];
                lockstep.Forward(used);
                for (int k = 0; k < used; k++)
                {
                    var expected = new float[policy.ActionSize];
                    var actual = new float[policy.ActionSize];
                    var noise1 = new Rng((ulong)k);
                    var noise2 = new Rng((ulong)k);
                    policy.Act(parameters[k], observations[k], expected, ref noise1, addNoise: true);
                    lockstep.Act(k, actual, ref noise2, addNoise: true);
                    Assert.True(expected.Select(BitConverter.SingleToInt32Bits).SequenceEqual(actual.Select(BitConverter.SingleToInt32Bits)),
                        $"{kind} {actions} lane {k} of {used}/{lanes}: [{string.Join(", ", expected)}] one episode, [{string.Join(", ", actual)}] in lockstep");
                    Assert.Equal(noise1.NextUInt64(), noise2.NextUInt64());
                }
            }
        }
    }

    [Fact]
    public void Move_CarriesALanesParameters()
    {
        var env = new EnvironmentSpec("Test-v0", BoxSpace.Uniform(2, -1, 1), new DiscreteSpace(2), 10);
        var policy = new Policy(PolicySpec.Linear(), env);
        var lockstep = new LockstepPolicy(policy, 4);
        float[] left = [1, 0, 0, 1, 0, 0], right = [0, 1, 1, 0, 0, 0];
        lockstep.Load(0, left);
        lockstep.Load(3, right);
        lockstep.Move(3, 0);
        lockstep.Inputs[0] = 1f; // lane 0 observes [1, 0]
        lockstep.Forward(1);
        var action = new float[1];
        var noise = default(Rng);
        lockstep.Act(0, action, ref noise, addNoise: false);
        Assert.Equal(1f, action[0]); // the moved weights pick action 1 for [1, 0]; lane 0's own would pick 0
    }
}
