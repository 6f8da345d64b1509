// MuJoCo's warnings are counted by the bindings instead of being printed or logged to a file.
namespace Es.MuJoCo.Tests;

public class MuJoCoWarningsTests
{
    [Fact]
    public void Step_UnstableState_IsCountedAndMuJoCoResetsIt()
    {
        using var model = MjModel.Load("/usr/share/mujoco/model/humanoid/humanoid.xml");
        using var data = new MjData(model);
        data.Reset();
        long before = MuJoCoWarnings.Count;
        data.Qvel[0] = 1e30;
        data.Step();
        Assert.True(MuJoCoWarnings.Count > before, "an infinite velocity should raise a MuJoCo warning");
        Assert.Contains("QVEL", MuJoCoWarnings.Last, StringComparison.OrdinalIgnoreCase);
        // MuJoCo answers an unstable state with mj_resetData, then finishes the step from qpos0.
        for (int i = 0; i < model.Nq; i++)
            Assert.InRange(data.Qpos[i] - model.Qpos0[i], -1e-3, 1e-3);
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "MUJOCO_LOG.TXT")), "the default handler's log file was written");
    }
}
