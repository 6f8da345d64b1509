// Pins CartPoleLanes to CartPoleEnvironment step by step (steps past termination included), and
// its action check (branch-free for 0 and 1) to the one-episode environment's errors.
using Es.Core.Environments;

namespace Es.Core.Tests.Environments;

public sealed class CartPoleLanesTests
{
    [Fact]
    public void EveryLane_StepsAsCartPoleEnvironment_BitForBit_PastTerminationToo()
    {
        var random = new System.Random(20261203);
        // Random pushes topple the pole within a few dozen steps; 80 steps go well past it (reward 0 there).
        LaneAssert.StepsAsEnvironment(new CartPoleLanes(5), () => new CartPoleEnvironment(), stride: 8, firstSeed: 100, steps: 80,
            (_, k, _) => k == 0 ? -0f : random.Next(2));
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
