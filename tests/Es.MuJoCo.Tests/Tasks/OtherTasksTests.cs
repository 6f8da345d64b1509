// HumanoidStandup, Arm26Reach and the user-model task: spaces, rewards and their geometry against MuJoCo's.
namespace Es.MuJoCo.Tests.Tasks;

using Es.Core.Configuration;
using Es.Core.Environments;
using Es.MuJoCo.Tasks;

public class OtherTasksTests
{
    [Fact]
    public void HumanoidStandup_StartsLyingAndIsRewardedForHeight()
    {
        var env = new HumanoidStandupEnvironment();
        var obs = new float[env.Spec.ObservationSize];
        env.Reset(2, obs);
        Assert.InRange(env.Data.Qpos[2], 0.14, 0.16);
        StepResult r = env.Step(new float[21], obs);
        Assert.False(r.Terminated);
        // Lying: height about 0.1-0.2 m, so qpos[2] / 0.005 + 1 is about 20 to 40.
        Assert.InRange(r.Reward, 10, 50);
    }

    [Fact]
    public void Arm26Reach_HandFormula_MatchesMuJoCosForearmFrame()
    {
        var env = new Arm26ReachEnvironment();
        var obs = new float[env.Spec.ObservationSize];
        env.Reset(9, obs);
        env.Data.Forward();
        ReadOnlySpan<double> xpos = env.Data.Xpos;
        ReadOnlySpan<double> xmat = env.Data.Xmat;
        // The forearm is body 2; its frame's (0.5, 0, 0) is the hand.
        double hx = xpos[6] + 0.5 * xmat[18], hy = xpos[7] + 0.5 * xmat[21];
        (double x, double y) = env.Hand;
        Assert.Equal(hx, x, 12);
        Assert.Equal(hy, y, 12);
    }

    [Fact]
    public void Arm26Reach_Spec_SixMusclesInZeroOne_RewardIsMinusDistance()
    {
        var env = new Arm26ReachEnvironment();
        Assert.Equal(16, env.Spec.ObservationSize);
        var box = Assert.IsType<BoxSpace>(env.Spec.ActionSpace);
        Assert.Equal(new float[6], box.Low);
        Assert.All(box.High, h => Assert.Equal(1f, h));
        var obs = new float[16];
        env.Reset(4, obs);
        StepResult r = env.Step(new float[6], obs);
        double distance = Math.Sqrt(obs[14] * obs[14] + obs[15] * obs[15]);
        Assert.Equal(-distance, r.Reward, 5);
        Assert.Equal(100, env.Spec.MaxEpisodeSteps);
    }

    [Fact]
    public void Mjcf_ReachOnTheArm_UsesTheNamedBodyAndTarget()
    {
        var settings = MuJoCoSettings.Default with { Model = Arm26ReachEnvironment.DefaultModelPath, Reward = "reach", TargetNoise = 0, Target = [0.1, 0.2, 0.3] };
        var env = new MjcfEnvironment(settings);
        Assert.Equal(2 + 2 + 6, env.Spec.ObservationSize);
        var obs = new float[env.Spec.ObservationSize];
        env.Reset(1, obs);
        Assert.Equal(new[] { 0.1f, 0.2f, 0.3f }, obs[4..7]);
        StepResult r = env.Step(new float[6], obs);
        Assert.True(r.Reward < 0);
        Assert.Equal(1000, env.Spec.MaxEpisodeSteps);
    }

    [Fact]
    public void Mjcf_ForwardOnTheHumanoid_DropsRootXyAndTerminatesOutsideTheHealthyRange()
    {
        var settings = MuJoCoSettings.Default with { Model = HumanoidEnvironment.DefaultModelPath, Body = "torso", HealthyZRange = [1.0, 2.0] };
        var env = new MjcfEnvironment(settings);
        Assert.Equal(26 + 27, env.Spec.ObservationSize);
        var obs = new float[env.Spec.ObservationSize];
        env.Reset(1, obs);
        StepResult r = default;
        for (int i = 0; i < 1000 && !r.Done; i++)
            r = env.Step(new float[21], obs);
        Assert.True(r.Terminated);
    }

    [Fact]
    public void Mjcf_UnknownBody_IsRefusedNamingIt()
    {
        var settings = MuJoCoSettings.Default with { Model = HumanoidEnvironment.DefaultModelPath, Body = "tail" };
        var e = Assert.Throws<MuJoCoException>(() => new MjcfEnvironment(settings));
        Assert.Contains("no body named \"tail\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mjcf_NoModel_IsRefusedNamingTheKey()
    {
        var e = Assert.Throws<MuJoCoException>(() => new MjcfEnvironment(MuJoCoSettings.Default));
        Assert.Contains("es.env.mujoco.model is empty", e.Message, StringComparison.Ordinal);
    }
}
