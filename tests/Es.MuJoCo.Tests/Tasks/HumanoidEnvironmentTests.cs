// Humanoid: spaces, seeded resets, bit-identical trajectories (also on parallel threads) and the falling torso ending the episode.
namespace Es.MuJoCo.Tests.Tasks;

using Es.Core.Environments;
using Es.Core.Random;
using Es.MuJoCo.Tasks;

public class HumanoidEnvironmentTests
{
    [Fact]
    public void Spec_IsTheGymnasiumLayoutAdaptedToTheSampleModel()
    {
        var env = new HumanoidEnvironment();
        Assert.Equal("Humanoid", env.Spec.Id);
        Assert.Equal(26 + 27 + 160 + 96 + 21 + 96, env.Spec.ObservationSize);
        Assert.Equal(21, env.Spec.ActionSize);
        Assert.Equal(1000, env.Spec.MaxEpisodeSteps);
        var box = Assert.IsType<BoxSpace>(env.Spec.ActionSpace);
        Assert.All(box.Low, l => Assert.Equal(-1f, l));
        Assert.All(box.High, h => Assert.Equal(1f, h));
        Assert.Equal(0.015, env.Dt, 15);
    }

    [Fact]
    public void Reset_SameSeed_RestoresTheSameInitialStateAfterAnEpisode()
    {
        var env = new HumanoidEnvironment();
        var obs = new float[env.Spec.ObservationSize];
        var first = new double[env.StateSize];
        var again = new double[env.StateSize];
        env.Reset(42, obs);
        float[] firstObs = obs.ToArray();
        env.GetState(first);
        var action = new float[21];
        Array.Fill(action, 0.3f);
        for (int i = 0; i < 30; i++)
            env.Step(action, obs);
        env.Reset(42, obs);
        env.GetState(again);
        Assert.Equal(first, again);
        Assert.Equal(firstObs, obs);
        Assert.Equal(0, env.ElapsedSteps);
    }

    [Fact]
    public void Reset_InitialState_IsQpos0PlusSmallNoise()
    {
        var env = new HumanoidEnvironment();
        var obs = new float[env.Spec.ObservationSize];
        env.Reset(7, obs);
        ReadOnlySpan<double> qpos0 = env.Model.Qpos0;
        for (int i = 0; i < env.Model.Nq; i++)
            Assert.InRange(env.Data.Qpos[i] - qpos0[i], -0.01, 0.01);
        Assert.All(env.Data.Qvel.ToArray(), v => Assert.InRange(v, -0.01, 0.01));
        Assert.NotEqual(qpos0.ToArray(), env.Data.Qpos.ToArray());
    }

    [Fact]
    public void Step_SameSeedAndActions_GiveTheSameTrajectoryBits()
    {
        (double[] rewards, float[] observations) a = Rollout(new HumanoidEnvironment(), seed: 3, steps: 200);
        (double[] rewards, float[] observations) b = Rollout(new HumanoidEnvironment(), seed: 3, steps: 200);
        Assert.Equal(a.rewards.Select(BitConverter.DoubleToInt64Bits), b.rewards.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(a.observations.Select(BitConverter.SingleToInt32Bits), b.observations.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Step_InstancesOnParallelThreads_GiveTheSameBitsAsOneAtATime()
    {
        var sequential = Enumerable.Range(0, 4).Select(i => Rollout(new HumanoidEnvironment(), seed: (ulong)i, steps: 150)).ToArray();
        var parallel = new (double[] Rewards, float[] Observations)[4];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Rollout(new HumanoidEnvironment(), seed: (ulong)i, steps: 150));
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(sequential[i].Rewards, parallel[i].Rewards);
            Assert.Equal(sequential[i].Observations, parallel[i].Observations);
        }
    }

    [Fact]
    public void Step_ZeroAction_HumanoidCollapsesAndTheEpisodeTerminates()
    {
        var env = new HumanoidEnvironment();
        var obs = new float[env.Spec.ObservationSize];
        env.Reset(1, obs);
        var action = new float[21];
        StepResult first = env.Step(action, obs);
        Assert.False(first.Terminated);
        // Healthy reward 5, little velocity and no control yet.
        Assert.InRange(first.Reward, 4.0, 6.0);
        StepResult last = first;
        int steps = 1;
        while (!last.Done)
        {
            last = env.Step(action, obs);
            steps++;
        }

        Assert.True(last.Terminated, "a passive humanoid should fall below the healthy height");
        Assert.True(env.TorsoHeight < HumanoidEnvironment.HealthyZMin);
        Assert.InRange(steps, 10, 999);
    }

    [Fact]
    public void Step_NonFiniteAction_IsRefusedWithoutChangingTheState()
    {
        var env = new HumanoidEnvironment();
        var obs = new float[env.Spec.ObservationSize];
        env.Reset(1, obs);
        var before = new double[env.StateSize];
        var after = new double[env.StateSize];
        env.GetState(before);
        var action = new float[21];
        action[4] = float.NaN;
        Assert.Throws<ArgumentException>(() => env.Step(action, obs));
        env.GetState(after);
        Assert.Equal(before, after);
    }

    [Fact]
    public void SetState_StateOfAnotherInstance_GivesTheSameObservation()
    {
        var a = new HumanoidEnvironment();
        var b = new HumanoidEnvironment();
        var obs = new float[a.Spec.ObservationSize];
        a.Reset(5, obs);
        var action = new float[21];
        Array.Fill(action, -0.2f);
        for (int i = 0; i < 10; i++)
            a.Step(action, obs);
        var state = new double[a.StateSize];
        a.GetState(state);
        b.SetState(state, a.ElapsedSteps);
        var copy = new double[b.StateSize];
        b.GetState(copy);
        Assert.Equal(state, copy);
        Assert.Equal(10, b.ElapsedSteps);
    }

    internal static (double[] Rewards, float[] Observations) Rollout(IEnvironment env, ulong seed, int steps)
    {
        var obs = new float[env.Spec.ObservationSize];
        var rewards = new List<double>();
        var trace = new List<float>();
        env.Reset(seed, obs);
        trace.AddRange(obs);
        var rng = new Rng(seed + 100);
        var action = new float[env.Spec.ActionSize];
        var box = (BoxSpace)env.Spec.ActionSpace;
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < action.Length; i++)
                action[i] = (float)rng.NextDouble(box.Low[i], box.High[i]);
            StepResult r = env.Step(action, obs);
            rewards.Add(r.Reward);
            trace.AddRange(obs);
            if (r.Done) env.Reset(seed + (ulong)t, obs);
        }

        return (rewards.ToArray(), trace.ToArray());
    }
}
