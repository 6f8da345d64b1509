// A lockstep environment's lanes against one-episode environments, bit for bit; shared by the
// environments' lane tests.
using Es.Core.Environments;

namespace Es.Core.Tests.Environments;

internal static class LaneAssert
{
    /// <summary>Lane <paramref name="lane"/>'s components equal <paramref name="expected"/>'s bits.</summary>
    public static void SameObservation(float[] expected, float[] observations, int stride, int lane, string when)
    {
        for (int c = 0; c < expected.Length; c++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[c]) == BitConverter.SingleToInt32Bits(observations[c * stride + lane]),
                $"lane {lane}, {when}, component {c}: {expected[c]} one episode, {observations[c * stride + lane]} in lanes");
    }

    /// <summary>
    /// A <c>compare</c> for <see cref="StepsAsEnvironment"/>: lane k's full-precision state, as
    /// <paramref name="laneState"/> copies it out, equals its one-episode environment's bit for
    /// bit (a last-bit difference can stay below the float observation's rounding for many steps).
    /// </summary>
    public static Action<int, IEnvironment> SameState(int stateSize, Action<int, double[]> laneState)
    {
        var lane = new double[stateSize];
        var one = new double[stateSize];
        return (k, environment) =>
        {
            laneState(k, lane);
            ((IStatefulEnvironment)environment).GetState(one);
            Assert.Equal(one.Select(BitConverter.DoubleToInt64Bits), lane.Select(BitConverter.DoubleToInt64Bits));
        };
    }

    /// <summary>
    /// Resets lane k of <paramref name="lanes"/> and its own one-episode environment with seed
    /// <paramref name="firstSeed"/> + k, then steps both <paramref name="steps"/> times, lane k
    /// taking <c>action(step, k, observations)</c> (once per component), and asserts every reset's observation and every
    /// step's result and observation equal. <paramref name="busy"/> gives a step's busy lanes (all
    /// by default); <paramref name="seen"/> receives each one-episode result;
    /// <paramref name="compare"/> (lane, its one-episode environment) runs after each lane's step,
    /// for checks beyond the observation (the full-precision state).
    /// </summary>
    /// <returns>The lanes' results of the last step.</returns>
    public static StepResult[] StepsAsEnvironment(ILockstepEnvironment lanes, Func<IEnvironment> single, int stride, ulong firstSeed, int steps,
        Func<int, int, float[], float> action, Func<int, int>? busy = null, Action<StepResult>? seen = null, Action<int, IEnvironment>? compare = null)
    {
        int count = lanes.Lanes, size = lanes.Spec.ObservationSize;
        IEnvironment[] environments = Enumerable.Range(0, count).Select(_ => single()).ToArray();
        var observations = new float[size * stride];
        var expected = new float[size];
        for (int k = 0; k < count; k++)
        {
            lanes.Reset(k, firstSeed + (ulong)k, observations, stride);
            environments[k].Reset(firstSeed + (ulong)k, expected);
            SameObservation(expected, observations, stride, k, "reset");
        }
        int actionSize = lanes.Spec.ActionSize;
        var actions = new float[count * actionSize];
        var results = new StepResult[count];
        for (int step = 0; step < steps; step++)
        {
            // An action of several components calls `action` once per component.
            for (int k = 0; k < count; k++)
                for (int j = 0; j < actionSize; j++) actions[k * actionSize + j] = action(step, k, observations);
            int stepped = busy?.Invoke(step) ?? count;
            lanes.Step(stepped, actions, observations, stride, results);
            for (int k = 0; k < stepped; k++)
            {
                StepResult one = environments[k].Step(actions.AsSpan(k * actionSize, actionSize), expected);
                Assert.Equal(one, results[k]);
                SameObservation(expected, observations, stride, k, $"step {step}");
                seen?.Invoke(one);
                compare?.Invoke(k, environments[k]);
            }
        }
        return results;
    }
}
