// Pins AcrobotLanes to AcrobotEnvironment step by step (terminations and truncation included), and its action check to the environment's errors.
using Es.Core.Environments;

namespace Es.Core.Tests.Environments;

public sealed class AcrobotLanesTests
{
    [Fact]
    public void EveryLane_StepsAsAcrobotEnvironment_BitForBit()
    {
        const int lanes = 6, stride = 8;
        var random = new System.Random(20261203);
        bool terminatedSeen = false;
        // Lane 0 pumps energy (torque along θ̇2: it swings up and terminates within ~80 steps); the others act at random.
        // 520 steps pass the 500-step truncation too (a lane keeps stepping after it here); now and then fewer lanes are busy.
        LaneAssert.StepsAsEnvironment(new AcrobotLanes(lanes), () => new AcrobotEnvironment(), stride, firstSeed: 300, steps: 520,
            (_, k, observations) => k == 0 ? (observations[5 * stride] > 0 ? 2f : 0f) : random.Next(3),
            busy: step => step % 7 == 3 ? lanes - 2 : lanes,
            seen: one => terminatedSeen |= one.Terminated);
        Assert.True(terminatedSeen, "some lane should swing up and terminate");
    }

    [Fact]
    public void Move_CarriesALanesState()
    {
        var lanesEnv = new AcrobotLanes(3);
        var observations = new float[6 * 3];
        lanesEnv.Reset(2, 41, observations, 3);
        lanesEnv.Move(2, 0);
        var one = new AcrobotEnvironment();
        var expected = new float[6];
        one.Reset(41, expected);
        var results = new StepResult[1];
        lanesEnv.Step(1, [2f], observations, 3, results);
        Assert.Equal(one.Step([2f], expected), results[0]);
        LaneAssert.SameObservation(expected, observations, 3, 0, "after the move");
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(3f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    public void InvalidAction_IsRefusedAsByTheEnvironment_AndNoLaneMoves(float action)
    {
        var lanesEnv = new AcrobotLanes(2);
        var observations = new float[12];
        lanesEnv.Reset(0, 1, observations, 2);
        lanesEnv.Reset(1, 2, observations, 2);
        float[] before = [.. observations];
        var one = new AcrobotEnvironment();
        one.Reset(1, new float[6]);
        ArgumentException expected = Assert.ThrowsAny<ArgumentException>(() => one.Step([action], new float[6]));
        ArgumentException actual = Assert.ThrowsAny<ArgumentException>(() => lanesEnv.Step(2, [1f, action], observations, 2, new StepResult[2]));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(before, observations);
    }
}
