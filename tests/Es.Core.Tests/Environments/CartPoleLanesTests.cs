// Pins CartPoleLanes to CartPoleEnvironment step by step (steps past termination included, the
// four-lane vectors and the lanes after them), and its action check (branch-free for 0 and 1) to
// the one-episode environment's errors.
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

    [Fact]
    public void VectorLanesAndTheRest_StepAsCartPoleEnvironment_BitForBit_ThroughLongEpisodesAndTruncation()
    {
        // 11 lanes: two vectors of four and three lanes after them. A pole-balancing rule keeps
        // most episodes alive to the 500-step limit (truncation), a few random pushes end others;
        // busy lanes shrink and grow as in a rollout's tail.
        // The full double state is compared too: a last-bit difference in an acceleration can stay
        // below the float observation's rounding for many steps.
        var random = new System.Random(7);
        var lanes = new CartPoleLanes(11);
        StepResult[] last = LaneAssert.StepsAsEnvironment(lanes, () => new CartPoleEnvironment(), stride: 16, firstSeed: 300, steps: 520,
            (_, k, o) => k % 5 == 4 ? random.Next(2) : o[2 * 16 + k] + 0.5f * o[3 * 16 + k] > 0 ? 1f : 0f,
            busy: step => step % 97 == 13 ? 1 + step % 11 : 11,
            compare: LaneAssert.SameState(4, (k, state) => lanes.GetState(k, state)));
        Assert.Contains(last, r => r.Truncated);
    }

    [Fact]
    public void LanesWithoutRoomForAWholeVector_StepOneByOne_AsCartPoleEnvironment_BitForBit()
    {
        // Seven lanes in rows of seven observations: the first four step as a vector, the last three
        // (no room for a fourth in the row) one at a time, with busy lanes shrinking and growing.
        var random = new System.Random(11);
        var lanes = new CartPoleLanes(7);
        LaneAssert.StepsAsEnvironment(lanes, () => new CartPoleEnvironment(), stride: 7, firstSeed: 500, steps: 120,
            (_, k, o) => k == 6 ? random.Next(2) : o[2 * 7 + k] + 0.5f * o[3 * 7 + k] > 0 ? 1f : 0f,
            busy: step => step % 31 == 5 ? 1 + step % 7 : 7,
            compare: LaneAssert.SameState(4, (k, state) => lanes.GetState(k, state)));
    }

    [Fact]
    public void LanesPastTheBusyOnes_KeepTheirStateAndObservation_WhenTheLastVectorIsPartlyBusy()
    {
        var lanes = new CartPoleLanes(8);
        var observations = new float[4 * 8];
        for (int k = 0; k < 8; k++) lanes.Reset(k, 40 + (ulong)k, observations, 8);
        float[] before = [.. observations];
        var state = new double[4];
        lanes.GetState(6, state);
        double[] stateBefore = [.. state];
        // Lanes 0-5 step: the second vector holds two busy lanes and two that must not move.
        lanes.Step(6, new float[8], observations, 8, new StepResult[8]);
        for (int c = 0; c < 4; c++)
        {
            Assert.Equal(before[c * 8 + 6], observations[c * 8 + 6]);
            Assert.Equal(before[c * 8 + 7], observations[c * 8 + 7]);
            Assert.NotEqual(before[c * 8 + 5], observations[c * 8 + 5]);
        }
        lanes.GetState(6, state);
        Assert.Equal(stateBefore, state);
    }

    [Fact]
    public void RefusedAction_LeavesEveryLaneAsItWas()
    {
        var lanesEnv = new CartPoleLanes(6);
        var observations = new float[4 * 8];
        var references = new CartPoleEnvironment[6];
        for (int k = 0; k < 6; k++)
        {
            lanesEnv.Reset(k, 40 + (ulong)k, observations, 8);
            references[k] = new CartPoleEnvironment();
            references[k].Reset(40 + (ulong)k, new float[4]);
        }
        float[] before = [.. observations];
        Assert.ThrowsAny<ArgumentException>(() => lanesEnv.Step(6, [1f, 0f, 1f, 1f, 0f, 0.5f], observations, 8, new StepResult[6]));
        Assert.Equal(before, observations);
        // The next step starts from the states before the refused one.
        var results = new StepResult[6];
        lanesEnv.Step(6, [1f, 0f, 1f, 1f, 0f, 1f], observations, 8, results);
        var expected = new float[4];
        for (int k = 0; k < 6; k++)
        {
            Assert.Equal(references[k].Step([k == 1 || k == 4 ? 0f : 1f], expected), results[k]);
            LaneAssert.SameObservation(expected, observations, 8, k, "after a refused step");
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
