// One lane of a lockstep environment's [component][stride] observations against the one-episode
// environment's observation, bit for bit; shared by the environments' lane tests.
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
}
