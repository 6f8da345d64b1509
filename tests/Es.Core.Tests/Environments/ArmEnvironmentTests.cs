// Behaviour of the planar robot arm (Arm-v0): reward, reachability, rest, determinism and options.
namespace Es.Core.Tests.Environments;

using Es.Core.Environments;

/// <summary>The arm's documented contract.</summary>
public sealed class ArmEnvironmentTests
{
    [Fact]
    public void Arm_Default_HasTwoLinksOfReachOneAndTheDocumentedSpaces()
    {
        var arm = new ArmEnvironment();
        Assert.Equal(1.0, arm.Reach, 15);
        Assert.Equal(0.0, arm.InnerRadius);
        Assert.Equal(10, arm.Spec.ObservationSize); // 3·2 + 4
        Assert.Equal(new BoxSpace([-1f, -1f], [1f, 1f]), arm.Spec.ActionSpace);
        Assert.Equal(200, arm.Spec.MaxEpisodeSteps);
        Assert.Equal(6, arm.StateSize);
    }

    [Fact]
    public void Arm_Reward_IsMinusDistanceMinusControlCost()
    {
        var arm = new ArmEnvironment(new ArmOptions { Links = 3, ControlCost = 0.05 });
        var obs = new float[arm.Spec.ObservationSize];
        arm.Reset(17, obs);
        var rng = new Es.Core.Random.Rng(99);
        for (int k = 0; k < 50; k++)
        {
            float[] action = [(float)rng.NextDouble(-1.5, 1.5), (float)rng.NextDouble(-1, 1), (float)rng.NextDouble(-1, 1)];
            StepResult r = arm.Step(action, obs);
            (double fx, double fy) = arm.Fingertip;
            (double tx, double ty) = arm.Target;
            double distance = Math.Sqrt((fx - tx) * (fx - tx) + (fy - ty) * (fy - ty));
            double cost = 0.0;
            foreach (float a in action)
            {
                double c = Math.Clamp(a, -1.0, 1.0);
                cost += c * c;
            }

            double expected = -distance - 0.05 * cost;
            Assert.True(Math.Abs(r.Reward - expected) <= 1e-12, $"Arm step {k}: reward {r.Reward}, expected {expected}");
            Assert.False(r.Terminated, $"Arm terminated at step {k}");
            Assert.True(Math.Abs(obs[9 + 2] - (float)(fx - tx)) <= 1e-6, $"Arm step {k}: observation dx {obs[11]} vs {fx - tx}");
        }
    }

    [Theory]
    [InlineData(2, null)]
    [InlineData(3, null)]
    [InlineData(2, new[] { 0.7, 0.3 })]
    [InlineData(3, new[] { 2.0, 0.5, 0.25 })]
    public void Arm_Reset_PutsTheTargetInTheReachableAnnulus(int links, double[]? lengths)
    {
        var arm = new ArmEnvironment(new ArmOptions { Links = links, LinkLengths = lengths });
        var obs = new float[arm.Spec.ObservationSize];
        double outer = lengths?.Sum() ?? 1.0;
        double inner = lengths is null ? 0.0 : Math.Max(0, 2 * lengths.Max() - lengths.Sum());
        Assert.Equal(outer, arm.Reach, 12);
        Assert.Equal(inner, arm.InnerRadius, 12);
        for (ulong seed = 0; seed < 300; seed++)
        {
            arm.Reset(seed, obs);
            (double tx, double ty) = arm.Target;
            double r = Math.Sqrt(tx * tx + ty * ty);
            Assert.True(r <= outer + 1e-12 && r >= inner - 1e-12, $"seed {seed}: target radius {r} outside [{inner}, {outer}]");
        }
    }

    [Fact]
    public void Arm_TwoLinkTarget_IsReachedByInverseKinematics()
    {
        // Reachability in practice: the closed-form IK of a 2-link arm puts the fingertip on the target.
        var arm = new ArmEnvironment(new ArmOptions { LinkLengths = [0.6, 0.4] });
        var obs = new float[arm.Spec.ObservationSize];
        var state = new double[arm.StateSize];
        for (ulong seed = 0; seed < 100; seed++)
        {
            arm.Reset(seed, obs);
            (double tx, double ty) = arm.Target;
            double c2 = Math.Clamp((tx * tx + ty * ty - 0.36 - 0.16) / (2 * 0.6 * 0.4), -1, 1);
            double q2 = Math.Acos(c2);
            double q1 = Math.Atan2(ty, tx) - Math.Atan2(0.4 * Math.Sin(q2), 0.6 + 0.4 * Math.Cos(q2));
            arm.GetState(state);
            state[0] = q1;
            state[1] = q2;
            arm.SetState(state, 0);
            (double fx, double fy) = arm.Fingertip;
            Assert.True(Math.Abs(fx - tx) < 1e-6 && Math.Abs(fy - ty) < 1e-6, $"seed {seed}: IK fingertip ({fx}, {fy}) misses target ({tx}, {ty})");
        }
    }

    [Fact]
    public void Arm_ZeroAction_KeepsAnArmAtRest()
    {
        var arm = new ArmEnvironment(new ArmOptions { Links = 4 });
        var obs = new float[arm.Spec.ObservationSize];
        arm.Reset(8, obs);
        var before = new double[arm.StateSize];
        arm.GetState(before);
        float[] first = obs.ToArray();
        var zero = new float[4];
        for (int k = 0; k < 200; k++)
        {
            StepResult r = arm.Step(zero, obs);
            Assert.True(obs.SequenceEqual(first), $"Arm step {k}: observation moved under a zero action");
            Assert.True(r.Truncated == (k == 199), $"Arm step {k}: truncated = {r.Truncated}");
        }

        var after = new double[arm.StateSize];
        arm.GetState(after);
        Assert.True(before.SequenceEqual(after), "Arm: zero actions changed the state");
    }

    [Fact]
    public void Arm_SameSeed_GivesSameEpisode()
    {
        double[] first = Episode(seed: 21), second = Episode(seed: 21), other = Episode(seed: 22);
        Assert.True(first.SequenceEqual(second), "Arm: same seed and actions gave different rewards");
        Assert.False(first.SequenceEqual(other), "Arm: seeds 21 and 22 gave the same rewards");
    }

    [Fact]
    public void Arm_PositiveAction_SpinsTheJointUpAndSpeedStaysClamped()
    {
        var options = new ArmOptions { Links = 2 };
        var arm = new ArmEnvironment(options);
        var obs = new float[arm.Spec.ObservationSize];
        arm.Reset(1, obs);
        for (int k = 0; k < 200; k++)
        {
            arm.Step([1f, -5f], obs);
            Assert.True(Math.Abs(obs[4]) <= options.MaxJointSpeed + 1e-6 && Math.Abs(obs[5]) <= options.MaxJointSpeed + 1e-6,
                $"Arm step {k}: joint speeds {obs[4]}, {obs[5]} exceed {options.MaxJointSpeed}");
        }

        Assert.True(obs[4] > 5 && obs[5] < -5, $"Arm: speeds {obs[4]}, {obs[5]} after 10 s of full effort");
        var state = new double[arm.StateSize];
        arm.GetState(state);
        Assert.True(state[0] >= -Math.PI && state[0] < Math.PI, $"Arm: joint angle {state[0]} not wrapped");
    }

    [Fact]
    public void Arm_NaNAction_ThrowsArgumentException()
    {
        var arm = new ArmEnvironment();
        var obs = new float[arm.Spec.ObservationSize];
        arm.Reset(0, obs);
        Assert.Throws<ArgumentException>(() => arm.Step([0f, float.NaN], obs));
        Assert.Throws<ArgumentException>(() => arm.Step([0f], obs));
    }

    public static TheoryData<ArmOptions> BadOptions() => new()
    {
        new ArmOptions { Links = 0 },
        new ArmOptions { Links = 3, LinkLengths = [1.0, 1.0] },
        new ArmOptions { LinkLengths = [1.0, -1.0] },
        new ArmOptions { ControlCost = -1 },
        new ArmOptions { MaxEpisodeSteps = 0 },
        new ArmOptions { Dt = 0 },
        new ArmOptions { MaxJointSpeed = double.NaN },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Arm_InvalidOptions_ThrowArgumentException(ArmOptions options)
    {
        Assert.Throws<ArgumentException>(() => new ArmEnvironment(options));
    }

    [Fact]
    public void Arm_Options_SetTheEpisodeLimitAndSizes()
    {
        var arm = new ArmEnvironment(new ArmOptions { Links = 5, MaxEpisodeSteps = 50 });
        Assert.Equal(50, arm.Spec.MaxEpisodeSteps);
        Assert.Equal(19, arm.Spec.ObservationSize);
        Assert.Equal(5, arm.Spec.ActionSize);
        Assert.Equal(1.0, arm.Reach, 12);
    }

    private static double[] Episode(ulong seed)
    {
        var arm = new ArmEnvironment();
        var obs = new float[arm.Spec.ObservationSize];
        arm.Reset(seed, obs);
        var rng = new Es.Core.Random.Rng(5);
        var rewards = new List<double>();
        for (int k = 0; k < 200; k++)
            rewards.Add(arm.Step([(float)rng.NextDouble(-1, 1), (float)rng.NextDouble(-1, 1)], obs).Reward);
        return rewards.ToArray();
    }

    [Fact]
    public void Arm_ObservationAfterSetState_IsTheNewStates_NotTheLastStepsFingertip()
    {
        // A step keeps its fingertip for the observation written after it; a new state must not reuse it.
        var stepped = new ArmEnvironment();
        var fresh = new ArmEnvironment();
        var obs = new float[stepped.Spec.ObservationSize];
        stepped.Reset(3, obs);
        for (int t = 0; t < 5; t++) stepped.Step([0.7f, -0.4f], obs);
        var state = new double[stepped.StateSize];
        stepped.GetState(state);
        state[0] += 1.0;
        state[1] -= 0.5;
        stepped.SetState(state, 5);
        fresh.SetState(state, 5);
        var expected = new float[obs.Length];
        fresh.GetObservation(expected);
        stepped.GetObservation(obs);
        Assert.Equal(expected, obs);
        // And a step's own observation is what a fresh arm at the same state observes.
        stepped.Step([0.2f, 0.1f], obs);
        stepped.GetState(state);
        fresh.SetState(state, 6);
        fresh.GetObservation(expected);
        Assert.Equal(expected, obs);
    }
}
