// Step behaviour of the classic-control environments: determinism, action validation, truncation and end conditions.
namespace Es.Core.Tests.Environments;

using Es.Core.Environments;

/// <summary>What Step does beyond the reference trajectories: the contract a rollout worker relies on.</summary>
public sealed class ClassicControlStepTests
{
    [Theory]
    [MemberData(nameof(ClassicControlResetTests.ClassicIds), MemberType = typeof(ClassicControlResetTests))]
    public void Step_SameSeedAndActions_GiveIdenticalEpisodes(string id)
    {
        (double[] rewards, float[][] observations) first = Run(id, seed: 7);
        (double[] rewards, float[][] observations) second = Run(id, seed: 7);
        Assert.True(first.rewards.Length == second.rewards.Length, $"{id}: episode lengths {first.rewards.Length} and {second.rewards.Length}");
        for (int k = 0; k < first.rewards.Length; k++)
        {
            Assert.True(first.rewards[k].Equals(second.rewards[k]), $"{id} step {k}: rewards {first.rewards[k]} and {second.rewards[k]}");
            Assert.True(first.observations[k].SequenceEqual(second.observations[k]), $"{id} step {k}: observations differ");
        }
    }

    [Theory]
    [MemberData(nameof(ClassicControlResetTests.ClassicIds), MemberType = typeof(ClassicControlResetTests))]
    public void Step_AtTheEpisodeLimit_SetsTruncatedExactlyThere(string id)
    {
        IStatefulEnvironment env = EnvironmentRegistry.Create(id);
        var obs = new float[env.Spec.ObservationSize];
        var state = new double[env.StateSize];
        env.Reset(3, obs);
        env.GetState(state);
        int limit = env.Spec.MaxEpisodeSteps;
        float[] action = NeutralAction(env.Spec);

        env.SetState(state, limit - 2);
        Assert.False(env.Step(action, obs).Truncated, $"{id}: truncated at step {limit - 1} of {limit}");
        StepResult last = env.Step(action, obs);
        Assert.True(last.Truncated, $"{id}: not truncated at step {limit} of {limit}");
        Assert.Equal(limit, env.ElapsedSteps);
    }

    [Fact]
    public void Pendulum_FullEpisode_TruncatesAtStep200AndNeverTerminates()
    {
        var env = new PendulumEnvironment();
        var obs = new float[3];
        env.Reset(11, obs);
        for (int k = 1; k <= 200; k++)
        {
            StepResult r = env.Step([0.5f], obs);
            Assert.False(r.Terminated, $"Pendulum terminated at step {k}");
            Assert.True(r.Truncated == (k == 200), $"Pendulum step {k}: truncated = {r.Truncated}");
        }
    }

    public static TheoryData<string, float[]> InvalidActions() => new()
    {
        { "CartPole-v1", [float.NaN] },
        { "CartPole-v1", [2f] },
        { "CartPole-v1", [-1f] },
        { "CartPole-v1", [0.5f] },
        { "CartPole-v1", [0f, 1f] },
        { "CartPole-v1", [] },
        { "MountainCar-v0", [3f] },
        { "MountainCar-v0", [float.PositiveInfinity] },
        { "Acrobot-v1", [3f] },
        { "Acrobot-v1", [float.NaN] },
        { "MountainCarContinuous-v0", [float.NaN] },
        { "MountainCarContinuous-v0", [float.NegativeInfinity] },
        { "MountainCarContinuous-v0", [0f, 0f] },
        { "Pendulum-v1", [float.NaN] },
        { "Pendulum-v1", [] },
    };

    [Theory]
    [MemberData(nameof(InvalidActions))]
    public void Step_InvalidAction_ThrowsArgumentExceptionAndLeavesTheStateUnchanged(string id, float[] action)
    {
        IStatefulEnvironment env = EnvironmentRegistry.Create(id);
        var obs = new float[env.Spec.ObservationSize];
        env.Reset(5, obs);
        var before = new double[env.StateSize];
        env.GetState(before);

        var ex = Assert.Throws<ArgumentException>(() => env.Step(action, obs));
        if (action.Length == 1)
        {
            string shown = action[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(ex.Message.Contains(shown, StringComparison.Ordinal), $"{id}: message does not name the value {shown}: {ex.Message}");
        }

        var after = new double[env.StateSize];
        env.GetState(after);
        Assert.True(before.SequenceEqual(after), $"{id}: a rejected action changed the state");
        Assert.Equal(0, env.ElapsedSteps);
    }

    [Fact]
    public void Step_BeforeReset_ThrowsInvalidOperation()
    {
        var env = new CartPoleEnvironment();
        Assert.Throws<InvalidOperationException>(() => env.Step([0f], new float[4]));
    }

    [Fact]
    public void Step_WrongObservationBuffer_ThrowsArgumentException()
    {
        var env = new CartPoleEnvironment();
        env.Reset(0, new float[4]);
        Assert.Throws<ArgumentException>(() => env.Step([0f], new float[3]));
        Assert.Throws<ArgumentException>(() => env.Reset(0, new float[5]));
    }

    [Fact]
    public void CartPole_Step_TerminatesWhenPoleLeansPastLimit()
    {
        var env = new CartPoleEnvironment();
        var obs = new float[4];
        // theta just under 12° and still falling: the next step crosses the limit.
        env.SetState([0.0, 0.0, 0.209, 0.5], 0);
        StepResult r = env.Step([1f], obs);
        Assert.True(r.Terminated, $"CartPole: not terminated at theta = {obs[2]}");
        Assert.Equal(1.0, r.Reward);
    }

    [Fact]
    public void CartPole_Step_TerminatesWhenCartLeavesTheTrack()
    {
        var env = new CartPoleEnvironment();
        var obs = new float[4];
        env.SetState([2.399, 1.0, 0.0, 0.0], 0);
        Assert.True(env.Step([1f], obs).Terminated, $"CartPole: not terminated at x = {obs[0]}");
    }

    [Fact]
    public void CartPole_StepAfterTermination_GivesZeroReward()
    {
        var env = new CartPoleEnvironment();
        var obs = new float[4];
        env.SetState([0.0, 0.0, 0.25, 0.0], 0);
        Assert.Equal(1.0, env.Step([0f], obs).Reward);
        StepResult next = env.Step([0f], obs);
        Assert.True(next.Terminated);
        Assert.Equal(0.0, next.Reward);
    }

    [Fact]
    public void CartPole_Actions_PushTheCartInTheirDirection()
    {
        var env = new CartPoleEnvironment();
        var obs = new float[4];
        env.SetState([0, 0, 0, 0], 0);
        env.Step([1f], obs);
        env.Step([1f], obs);
        Assert.True(obs[1] > 0, $"action 1 left x_dot at {obs[1]}");
        env.SetState([0, 0, 0, 0], 0);
        env.Step([0f], obs);
        env.Step([0f], obs);
        Assert.True(obs[1] < 0, $"action 0 left x_dot at {obs[1]}");
    }

    [Fact]
    public void Pendulum_OutOfRangeTorque_IsClampedToTwo()
    {
        var a = new PendulumEnvironment();
        var b = new PendulumEnvironment();
        var obsA = new float[3];
        var obsB = new float[3];
        a.SetState([0.3, 0.2], 0);
        b.SetState([0.3, 0.2], 0);
        StepResult ra = a.Step([5f], obsA);
        StepResult rb = b.Step([2f], obsB);
        Assert.True(obsA.SequenceEqual(obsB), "Pendulum: torque 5 and torque 2 led to different states");
        Assert.Equal(rb.Reward, ra.Reward);
    }

    [Fact]
    public void MountainCarContinuous_OutOfRangeForce_IsClampedButCostsTheUnclippedSquare()
    {
        var a = new MountainCarContinuousEnvironment();
        var b = new MountainCarContinuousEnvironment();
        var obsA = new float[2];
        var obsB = new float[2];
        a.SetState([-0.5, 0.0], 0);
        b.SetState([-0.5, 0.0], 0);
        StepResult ra = a.Step([3f], obsA);
        b.Step([1f], obsB);
        Assert.True(obsA.SequenceEqual(obsB), "MountainCarContinuous: force 3 and force 1 led to different states");
        Assert.Equal(-0.9, ra.Reward, 15);
    }

    [Fact]
    public void MountainCar_LeftWall_StopsTheCar()
    {
        var env = new MountainCarEnvironment();
        var obs = new float[2];
        env.SetState([-1.19, -0.05], 0);
        env.Step([0f], obs);
        Assert.True(obs[0] == (float)-1.2 && obs[1] == 0f, $"MountainCar at the wall: position {obs[0]}, velocity {obs[1]}");
    }

    [Fact]
    public void Acrobot_TerminatingStep_GivesZeroReward()
    {
        var env = new AcrobotEnvironment();
        var obs = new float[6];
        // Both links pointing up: the tip is far above the line.
        env.SetState([Math.PI - 0.01, 0.0, 0.0, 0.0], 0);
        StepResult r = env.Step([1f], obs);
        Assert.True(r.Terminated, "Acrobot: upright arm did not terminate");
        Assert.Equal(0.0, r.Reward);
    }

    private static float[] NeutralAction(EnvironmentSpec spec) =>
        spec.ActionSpace is DiscreteSpace d ? [(float)(d.N / 2)] : new float[spec.ActionSize];

    private static (double[] Rewards, float[][] Observations) Run(string id, ulong seed)
    {
        IStatefulEnvironment env = EnvironmentRegistry.Create(id);
        var obs = new float[env.Spec.ObservationSize];
        env.Reset(seed, obs);
        var rewards = new List<double>();
        var observations = new List<float[]>();
        var actionRng = new Es.Core.Random.Rng(1234);
        for (int k = 0; k < env.Spec.MaxEpisodeSteps; k++)
        {
            float[] action = env.Spec.ActionSpace is DiscreteSpace d
                ? [actionRng.NextInt64(d.N)]
                : [(float)actionRng.NextDouble(-1.5, 1.5)];
            StepResult r = env.Step(action, obs);
            rewards.Add(r.Reward);
            observations.Add(obs.ToArray());
            if (r.Done) break;
        }

        return (rewards.ToArray(), observations.ToArray());
    }
}
