// Stepping mjData: free fall against the analytic solution, and reset back to the initial state.
namespace Es.MuJoCo.Tests;

public class MjDataTests
{
    private const string FallingBall = """
        <mujoco>
          <option timestep="0.001" gravity="0 0 -9.81"/>
          <worldbody>
            <body name="ball" pos="0 0 10">
              <freejoint/>
              <geom type="sphere" size="0.1" mass="1"/>
            </body>
          </worldbody>
        </mujoco>
        """;

    [Fact]
    public void Step_FreeFallingBody_MatchesTheAnalyticFall()
    {
        using var file = new TempModel(FallingBall);
        using var model = MjModel.Load(file.Path);
        using var data = new MjData(model);
        data.Reset();
        const double g = 9.81, dt = 0.001;
        const int n = 1000;
        for (int i = 0; i < n; i++)
            data.Step();

        double t = n * dt;
        Assert.Equal(t, data.Time, 12);
        // MuJoCo's Euler integrator is semi-implicit: v_n = -g·n·dt and z_n = z0 - g·dt²·n(n+1)/2 exactly.
        Assert.Equal(-g * t, data.Qvel[2], 9);
        Assert.Equal(10 - g * dt * dt * n * (n + 1) / 2, data.Qpos[2], 9);
        // Against the continuous solution z0 - g t²/2 it is off by the integrator's g·dt·t/2 only.
        Assert.True(Math.Abs(data.Qpos[2] - (10 - g * t * t / 2)) <= g * dt * t / 2 + 1e-9, "the fall drifted beyond the integrator's error");
        Assert.Equal(0.0, data.Qpos[0]);
        Assert.Equal(0.0, data.Qpos[1]);
    }

    [Fact]
    public void Reset_AfterSteps_RestoresTheInitialState()
    {
        using var model = MjModel.Load("/usr/share/mujoco/model/humanoid/humanoid.xml");
        using var data = new MjData(model);
        data.Reset();
        double[] qpos0 = data.Qpos.ToArray();
        for (int i = 0; i < 50; i++)
        {
            data.Ctrl.Fill(0.5);
            data.Step();
        }

        Assert.NotEqual(qpos0, data.Qpos.ToArray());
        data.Reset();
        Assert.Equal(qpos0, data.Qpos.ToArray());
        Assert.Equal(model.Qpos0.ToArray(), data.Qpos.ToArray());
        Assert.All(data.Qvel.ToArray(), v => Assert.Equal(0.0, v));
        Assert.All(data.Ctrl.ToArray(), c => Assert.Equal(0.0, c));
        Assert.Equal(0.0, data.Time);
    }

    [Fact]
    public void Forward_Humanoid_BodyPositionsFollowTheModel()
    {
        using var model = MjModel.Load("/usr/share/mujoco/model/humanoid/humanoid.xml");
        using var data = new MjData(model);
        data.Reset();
        data.Forward();
        int head = model.BodyId("head");
        // torso at (0, 0, 1.5), head 0.19 above it.
        Assert.Equal(1.5, data.Xpos[3 * model.BodyId("torso") + 2], 12);
        Assert.Equal(1.69, data.Xpos[3 * head + 2], 12);
    }
}
