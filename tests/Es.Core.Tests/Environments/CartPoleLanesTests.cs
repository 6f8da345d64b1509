// Pins CartPoleLanes to CartPoleEnvironment step by step (steps past termination included), and
// its action check (branch-free for 0 and 1) to the one-episode environment's errors.
using Es.Core.Environments;

namespace Es.Core.Tests.Environments;

public sealed class CartPoleLanesTests
{
    [Fact]
    public void EveryLane_StepsAsCartPoleEnvironment_BitForBit_PastTerminationToo()
    {
        const int lanes = 5, stride = 8;
        var random = new System.Random(20261203);
        var lanesEnv = new CartPoleLanes(lanes);
        var single = Enumerable.Range(0, lanes).Select(_ => new CartPoleEnvironment()).ToArray();
        var observations = new float[4 * stride];
        var expected = new float[4];
        for (int k = 0; k < lanes; k++)
        {
            lanesEnv.Reset(k, (ulong)(100 + k), observations, stride);
            single[k].Reset((ulong)(100 + k), expected);
            LaneAssert.SameObservation(expected, observations, stride, k, "reset");
        }
        var actions = new float[lanes];
        var results = new StepResult[lanes];
        // Random pushes topple the pole within a few dozen steps; 80 steps go well past it (reward 0 there).
        for (int step = 0; step < 80; step++)
        {
            for (int k = 0; k < lanes; k++) actions[k] = k == 0 ? -0f : random.Next(2);
            lanesEnv.Step(lanes, actions, observations, stride, results);
            for (int k = 0; k < lanes; k++)
            {
                StepResult one = single[k].Step(actions.AsSpan(k, 1), expected);
                Assert.Equal(one, results[k]);
                LaneAssert.SameObservation(expected, observations, stride, k, $"step {step}");
            }
        }
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(2f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void InvalidAction_IsRefusedAsByTheEnvironment(float action)
    {
        var lanesEnv = new CartPoleLanes(1);
        var observations = new float[4];
        lanesEnv.Reset(0, 1, observations, 1);
        var one = new CartPoleEnvironment();
        one.Reset(1, new float[4]);
        ArgumentException expected = Assert.ThrowsAny<ArgumentException>(() => one.Step([action], new float[4]));
        ArgumentException actual = Assert.ThrowsAny<ArgumentException>(() => lanesEnv.Step(1, [action], observations, 1, new StepResult[1]));
        Assert.Equal(expected.Message, actual.Message);
    }
}
