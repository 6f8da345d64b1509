// Reset behaviour of the classic-control environments: ranges, determinism, and the observation of the drawn state.
namespace Es.Core.Tests.Environments;

using Es.Core.Environments;

/// <summary>Each environment's initial state stays in Gymnasium's reset ranges and depends only on the seed.</summary>
public sealed class ClassicControlResetTests
{
    private const int Seeds = 500;

    [Fact]
    public void CartPole_Reset_DrawsEveryComponentWithinPlusMinusFiveHundredths()
    {
        ForManySeeds(new CartPoleEnvironment(), (seed, s) =>
        {
            for (int i = 0; i < 4; i++)
                Assert.True(s[i] >= -0.05 && s[i] < 0.05, $"seed {seed}: state[{i}] = {s[i]} outside [-0.05, 0.05)");
        });
    }

    [Fact]
    public void MountainCar_Reset_DrawsPositionInRangeAndZeroVelocity()
    {
        ForManySeeds(new MountainCarEnvironment(), CheckMountainCarReset);
    }

    [Fact]
    public void MountainCarContinuous_Reset_DrawsPositionInRangeAndZeroVelocity()
    {
        ForManySeeds(new MountainCarContinuousEnvironment(), CheckMountainCarReset);
    }

    [Fact]
    public void Pendulum_Reset_DrawsAngleInPlusMinusPiAndSpeedInPlusMinusOne()
    {
        ForManySeeds(new PendulumEnvironment(), (seed, s) =>
        {
            Assert.True(s[0] >= -Math.PI && s[0] < Math.PI, $"seed {seed}: theta = {s[0]} outside [-pi, pi)");
            Assert.True(s[1] >= -1.0 && s[1] < 1.0, $"seed {seed}: theta_dot = {s[1]} outside [-1, 1)");
        });
    }

    [Fact]
    public void Acrobot_Reset_DrawsFloat32ValuesWithinPlusMinusOneTenth()
    {
        ForManySeeds(new AcrobotEnvironment(), (seed, s) =>
        {
            for (int i = 0; i < 4; i++)
            {
                // Rounding to float32 can land on 0.1f itself, which is just above 0.1 in double.
                Assert.True(s[i] >= (float)-0.1 && s[i] <= (float)0.1, $"seed {seed}: state[{i}] = {s[i]} outside [-0.1, 0.1]");
                Assert.True(s[i] == (float)s[i], $"seed {seed}: state[{i}] = {s[i]} is not a float32 value");
            }
        });
    }

    [Theory]
    [MemberData(nameof(ClassicIds))]
    public void Reset_SameSeed_GivesSameStateAndObservation(string id)
    {
        IStatefulEnvironment a = EnvironmentRegistry.Create(id), b = EnvironmentRegistry.Create(id);
        var obsA = new float[a.Spec.ObservationSize];
        var obsB = new float[b.Spec.ObservationSize];
        var sA = new double[a.StateSize];
        var sB = new double[b.StateSize];
        foreach (ulong seed in new ulong[] { 0, 1, 42, ulong.MaxValue })
        {
            a.Reset(seed, obsA);
            b.Reset(999, obsB); // a different episode first, so nothing carries over
            b.Reset(seed, obsB);
            a.GetState(sA);
            b.GetState(sB);
            Assert.True(sA.SequenceEqual(sB), $"{id} seed {seed}: states differ: [{string.Join(", ", sA)}] vs [{string.Join(", ", sB)}]");
            Assert.True(obsA.SequenceEqual(obsB), $"{id} seed {seed}: observations differ");
        }
    }

    [Theory]
    [MemberData(nameof(ClassicIds))]
    public void Reset_DifferentSeeds_GiveDifferentStates(string id)
    {
        IStatefulEnvironment env = EnvironmentRegistry.Create(id);
        var obs = new float[env.Spec.ObservationSize];
        var s1 = new double[env.StateSize];
        var s2 = new double[env.StateSize];
        env.Reset(1, obs);
        env.GetState(s1);
        env.Reset(2, obs);
        env.GetState(s2);
        Assert.False(s1.SequenceEqual(s2), $"{id}: seeds 1 and 2 gave the same initial state");
    }

    [Theory]
    [MemberData(nameof(ClassicIds))]
    public void Reset_Observation_LiesInTheObservationSpaceAndResetsTheStepCount(string id)
    {
        IStatefulEnvironment env = EnvironmentRegistry.Create(id);
        var obs = new float[env.Spec.ObservationSize];
        for (ulong seed = 0; seed < 100; seed++)
        {
            env.Reset(seed, obs);
            Assert.Equal(0, env.ElapsedSteps);
            BoxSpace space = env.Spec.ObservationSpace;
            for (int i = 0; i < obs.Length; i++)
            {
                Assert.True(obs[i] >= space.Low[i] && obs[i] <= space.High[i],
                    $"{id} seed {seed}: observation[{i}] = {obs[i]} outside [{space.Low[i]}, {space.High[i]}]");
            }

            var again = new float[obs.Length];
            env.GetObservation(again);
            Assert.True(obs.SequenceEqual(again), $"{id} seed {seed}: GetObservation differs from the reset observation");
        }
    }

    /// <summary>The five Gymnasium ids.</summary>
    public static TheoryData<string> ClassicIds() =>
        new() { "CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1", "Acrobot-v1" };

    private static void CheckMountainCarReset(ulong seed, double[] s)
    {
        Assert.True(s[0] >= -0.6 && s[0] < -0.4, $"seed {seed}: position = {s[0]} outside [-0.6, -0.4)");
        Assert.True(s[1] == 0.0, $"seed {seed}: velocity = {s[1]}, expected 0");
    }

    private static void ForManySeeds(IStatefulEnvironment env, Action<ulong, double[]> check)
    {
        var obs = new float[env.Spec.ObservationSize];
        var state = new double[env.StateSize];
        for (ulong seed = 0; seed < Seeds; seed++)
        {
            env.Reset(seed, obs);
            env.GetState(state);
            check(seed, state);
        }
    }
}
