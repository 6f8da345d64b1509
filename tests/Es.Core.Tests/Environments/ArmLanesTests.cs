// Pins ArmLanes to ArmEnvironment step by step (state, reward, observation), for two and three
// links, through truncation, with busy lanes shrinking and growing, and its refused actions.
using Es.Core.Environments;

namespace Es.Core.Tests.Environments;

public sealed class ArmLanesTests
{
    [Theory]
    [InlineData(2, null)]
    [InlineData(3, new[] { 0.5, 0.3, 0.4 })]
    public void EveryLane_StepsAsArmEnvironment_BitForBit_ThroughTruncation(int links, double[]? lengths)
    {
        var options = new ArmOptions { Links = links, LinkLengths = lengths, MaxEpisodeSteps = 60 };
        var lanes = new ArmLanes(options, 7);
        var random = new System.Random(11);
        // Actions beyond ±1 (clamped) and large ones that spin the joints past ±π (wrapped).
        StepResult[] last = LaneAssert.StepsAsEnvironment(lanes, () => new ArmEnvironment(options), stride: 8, firstSeed: 500, steps: 60,
            (_, _, _) => (float)(random.NextDouble() * 3 - 1.5), busy: step => step % 17 == 5 ? 1 + step % 7 : 7,
            compare: LaneAssert.SameState(2 * links + 2, (k, state) => lanes.GetState(k, state)));
        Assert.Contains(last, r => r.Truncated);
    }

    [Fact]
    public void RefusedAction_IsRefusedAsByTheEnvironment_AndNoLaneMoves()
    {
        var options = new ArmOptions();
        var lanes = new ArmLanes(options, 3);
        var observations = new float[10 * 4];
        for (int k = 0; k < 3; k++) lanes.Reset(k, 70 + (ulong)k, observations, 4);
        float[] before = [.. observations];
        var one = new ArmEnvironment(options);
        one.Reset(70, new float[10]);
        ArgumentException expected = Assert.ThrowsAny<ArgumentException>(() => one.Step([0.5f, float.NaN], new float[10]));
        ArgumentException actual = Assert.ThrowsAny<ArgumentException>(() => lanes.Step(3, [0.2f, 0.1f, 0.3f, -0.4f, 0.5f, float.NaN], observations, 4, new StepResult[3]));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(before, observations);
        var state = new double[6];
        var expectedState = new double[6];
        for (int k = 0; k < 3; k++)
        {
            var reference = new ArmEnvironment(options);
            reference.Reset(70 + (ulong)k, new float[10]);
            reference.GetState(expectedState);
            lanes.GetState(k, state);
            Assert.Equal(expectedState, state);
        }
    }
}
