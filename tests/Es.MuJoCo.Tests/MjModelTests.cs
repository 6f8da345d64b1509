// Loading models: the shipped samples load with their known sizes; missing or broken files fail with a clear message.
namespace Es.MuJoCo.Tests;

public class MjModelTests
{
    [Fact]
    public void Load_Humanoid_HasTheSampleModelsSizes()
    {
        using var model = MjModel.Load("/usr/share/mujoco/model/humanoid/humanoid.xml");
        Assert.Equal((28, 27, 21, 17), (model.Nq, model.Nv, model.Nu, model.Nbody));
        Assert.Equal(0.005, model.Timestep);
        Assert.Equal(1.5, model.Qpos0[2]);
        Assert.Equal(1, model.BodyId("torso"));
    }

    [Fact]
    public void BodyParentId_FollowsTheModelsBodyTree()
    {
        using var model = MjModel.Load("/usr/share/mujoco/model/humanoid/humanoid.xml");
        ReadOnlySpan<int> parent = model.BodyParentId;
        Assert.Equal(0, parent[0]);
        Assert.Equal(0, parent[model.BodyId("torso")]);
        Assert.Equal(model.BodyId("torso"), parent[model.BodyId("head")]);
        Assert.Equal(model.BodyId("right_thigh"), parent[model.BodyId("right_shin")]);
        Assert.Equal(model.BodyId("left_lower_arm"), parent[model.BodyId("left_hand")]);
    }

    [Fact]
    public void Load_MissingSampleModel_NamesThePackageThatShipsIt()
    {
        var e = Assert.Throws<MuJoCoException>(() => MjModel.Load("/usr/share/mujoco/model/humanoid/no-such-model.xml"));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install libmujoco-samples", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingUserModel_SaysTheFileDoesNotExist()
    {
        var e = Assert.Throws<MuJoCoException>(() => MjModel.Load("/tmp/esakka-no-such-dir/robot.xml"));
        Assert.Contains("'/tmp/esakka-no-such-dir/robot.xml' does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokenXml_ReportsMuJoCosOwnError()
    {
        using var file = new TempModel("<mujoco><worldbody><body><geom type=\"sphere\" size=\"0.1\"/></body></worldbod></mujoco>");
        var e = Assert.Throws<MuJoCoException>(() => MjModel.Load(file.Path));
        Assert.Contains("could not load the model", e.Message, StringComparison.Ordinal);
        Assert.Contains(file.Path, e.Message, StringComparison.Ordinal);
    }
}
