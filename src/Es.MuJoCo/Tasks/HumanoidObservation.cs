// The observation Gymnasium's humanoid tasks (v5) build from mjData, shared by Humanoid and HumanoidStandup.
namespace Es.MuJoCo.Tasks;

/// <summary>
/// qpos without the root's x and y, qvel, then cinert, cvel, qfrc_actuator without the root's six
/// degrees of freedom, and cfrc_ext, each over the bodies after the world, in that fixed order.
/// </summary>
internal static class HumanoidObservation
{
    public static void Write(MjData data, Span<float> observation)
    {
        int at = 0;
        at = Copy(data.Qpos[2..], observation, at);
        at = Copy(data.Qvel, observation, at);
        at = Copy(data.Cinert[10..], observation, at);
        at = Copy(data.Cvel[6..], observation, at);
        at = Copy(data.QfrcActuator[6..], observation, at);
        at = Copy(data.CfrcExt[6..], observation, at);
        if (at != observation.Length)
            throw new InvalidOperationException($"humanoid observation filled {at} of {observation.Length} values.");
    }

    public static int Copy(ReadOnlySpan<double> source, Span<float> observation, int at)
    {
        for (int i = 0; i < source.Length; i++)
            observation[at + i] = (float)source[i];
        return at + source.Length;
    }
}
