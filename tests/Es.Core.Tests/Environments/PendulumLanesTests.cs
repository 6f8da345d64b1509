// Pins PendulumLanes to PendulumEnvironment step by step (rewards, truncation, observations, a
// lane moved mid-episode), and its action check to the one-episode environment's errors.
using Es.Core.Environments;

namespace Es.Core.Tests.Environments;

public sealed class PendulumLanesTests
{
    [Fact]
    public void EveryLane_StepsAsPendulumEnvironment_BitForBit_ThroughTruncation()
    {
        var random = new System.Random(20261203);
        // 200 steps reach the time limit; torques beyond ±2 are clipped, ±0 and tiny ones pass.
        StepResult[] last = LaneAssert.StepsAsEnvironment(new PendulumLanes(11), () => new PendulumEnvironment(), stride: 16, firstSeed: 100, steps: 200,
            (_, k, _) => k == 0 ? -0f : k == 1 ? 1e-40f : (float)(random.NextDouble() * 6 - 3));
        Assert.All(last, r => Assert.True(r.Truncated));
    }

    [Fact]
    public void MovedLane_ContinuesTheEpisodeItCarried()
    {
        const int stride = 4;
        var lanesEnv = new PendulumLanes(3);
        var one = new PendulumEnvironment();
        var observations = new float[3 * stride];
        var expected = new float[3];
        lanesEnv.Reset(2, 7, observations, stride);
        one.Reset(7, expected);
        var results = new StepResult[3];
        lanesEnv.Step(3, [0f, 0f, 1.5f], observations, stride, results);
        one.Step([1.5f], expected);

        lanesEnv.Move(2, 0);
        for (int c = 0; c < 3; c++) observations[c * stride] = observations[c * stride + 2];
        for (int step = 0; step < 10; step++)
        {
            lanesEnv.Step(1, [-0.75f], observations, stride, results);
            StepResult single = one.Step([-0.75f], expected);
            Assert.Equal(single, results[0]);
            LaneAssert.SameObservation(expected, observations, stride, 0, $"step {step} after the move");
        }
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void NonFiniteAction_IsRefusedAsByTheEnvironment(float action)
    {
        var lanesEnv = new PendulumLanes(2);
        var observations = new float[3 * 2];
        lanesEnv.Reset(0, 1, observations, 2);
        lanesEnv.Reset(1, 2, observations, 2);
        var one = new PendulumEnvironment();
        one.Reset(1, new float[3]);
        ArgumentException expected = Assert.ThrowsAny<ArgumentException>(() => one.Step([action], new float[3]));
        ArgumentException actual = Assert.ThrowsAny<ArgumentException>(() => lanesEnv.Step(2, [0.5f, action], observations, 2, new StepResult[2]));
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void Step_RefusesBuffersTooSmallForTheLanes()
    {
        var lanesEnv = new PendulumLanes(4);
        var observations = new float[3 * 4];
        for (int k = 0; k < 4; k++) lanesEnv.Reset(k, (ulong)k, observations, 4);

        Assert.Throws<ArgumentException>(() => lanesEnv.Step(4, new float[4], new float[2 * 4 + 3], 4, new StepResult[4]));
        Assert.Throws<ArgumentException>(() => lanesEnv.Step(4, new float[4], observations, 4, new StepResult[3]));
    }
}
