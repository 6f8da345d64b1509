// Checks the classic-control environments against the Gymnasium reference trajectories, step by step and in free rollouts.
namespace Es.Core.Tests.Environments;

using System.Globalization;
using Es.Core.Environments;

/// <summary>
/// Conformance with the Gymnasium reference trajectories (Reference/classic_control, see its README): every step of every case from the previous
/// reference state, and a free replay from the initial state. Beyond the README's tolerances the
/// implementation is bit-exact: every state, reward and observation of every step, one-step and in
/// the full free rollout (chaotic cases and their steps past rollout_check_steps included), equals the
/// reference exactly, so the test asserts that too.
/// </summary>
public sealed class ClassicControlConformanceTests
{
    private const double OneStepStateTolerance = 1e-12;
    private const double RolloutTolerance = 1e-9;
    private const double ObservationTolerance = 1e-6;

    /// <summary>One row per (file, case); a missing directory yields one row that fails with the reason.</summary>
    public static TheoryData<string, int, string> Cases()
    {
        var data = new TheoryData<string, int, string>();
        string? dir = ReferenceData.FindDirectory(out string tried);
        if (dir is null)
        {
            data.Add("<missing>", -1, $"reference directory not found; looked in: {tried}");
            return data;
        }

        string[] files = ReferenceData.Files(dir);
        if (files.Length == 0)
            data.Add("<empty>", -1, $"no *.json files in {dir}");
        foreach (string path in files)
        {
            foreach (ReferenceCase c in ReferenceData.Load(path))
                data.Add(Path.GetFileName(path), c.Index, c.Name);
        }

        return data;
    }

    [Fact]
    public void ReferenceDirectory_HoldsAFileForEveryClassicControlEnvironment()
    {
        string? dir = ReferenceData.FindDirectory(out string tried);
        Assert.True(dir is not null, $"reference directory not found; looked in: {tried} (set {ReferenceData.DirectoryVariable})");
        var envs = ReferenceData.Files(dir!).Select(f => ReferenceData.Load(f)[0].EnvId).ToHashSet();
        foreach (string id in new[] { "CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1", "Acrobot-v1" })
            Assert.True(envs.Contains(id), $"no reference file for {id} in {dir}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReferenceCase_OneStepFromEachReferenceState_MatchesBitForBit(string file, int caseIndex, string caseName) =>
        CheckOneStepFromEachState(LoadCase(file, caseIndex, caseName));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReferenceCase_FreeRolloutFromInitialState_MatchesBitForBit(string file, int caseIndex, string caseName) =>
        CheckFreeRollout(LoadCase(file, caseIndex, caseName));

    /// <summary>Every step from the previous reference state, within the README's tolerance and bit for bit.</summary>
    internal static void CheckOneStepFromEachState(ReferenceCase c)
    {
        IStatefulEnvironment env = CreateFor(c);
        Assert.True(env.Spec.MaxEpisodeSteps == c.MaxEpisodeSteps,
            $"{c.Label}: spec MaxEpisodeSteps {env.Spec.MaxEpisodeSteps}, file says {c.MaxEpisodeSteps}");

        var obs = new float[env.Spec.ObservationSize];
        var state = new double[env.StateSize];
        for (int k = 0; k < c.Steps.Length; k++)
        {
            double[] before = k == 0 ? c.InitialState : c.Steps[k - 1].State;
            env.SetState(before, k);
            StepResult result = env.Step(c.Actions[k], obs);
            env.GetState(state);
            CheckStep(c, k, "one-step", c.Steps[k], state, obs, result, OneStepStateTolerance, relative: true);
        }
    }

    /// <summary>A replay of the actions from the initial state: within tolerance up to rollout_check_steps, bit for bit throughout.</summary>
    internal static void CheckFreeRollout(ReferenceCase c)
    {
        IStatefulEnvironment env = CreateFor(c);
        var obs = new float[env.Spec.ObservationSize];
        var state = new double[env.StateSize];

        env.SetState(c.InitialState, 0);
        env.GetObservation(obs);
        CheckObservation(c, -1, "initial", c.InitialObservation, obs);

        for (int k = 0; k < c.Steps.Length; k++)
        {
            StepResult result = env.Step(c.Actions[k], obs);
            env.GetState(state);
            if (k < c.RolloutCheckSteps)
                CheckStep(c, k, "rollout", c.Steps[k], state, obs, result, RolloutTolerance, relative: false);
            else
                CheckBits(c, k, "rollout past rollout_check_steps", c.Steps[k], state, obs, result);
        }
    }

    private static ReferenceCase LoadCase(string file, int caseIndex, string caseName)
    {
        Assert.True(caseIndex >= 0, $"{file}: {caseName}");
        string? dir = ReferenceData.FindDirectory(out string tried);
        Assert.True(dir is not null, $"reference directory not found; looked in: {tried}");
        IReadOnlyList<ReferenceCase> cases = ReferenceData.Load(Path.Combine(dir!, file));
        ReferenceCase c = cases[caseIndex];
        Assert.True(c.Name == caseName, $"{file} case {caseIndex}: expected name '{caseName}', found '{c.Name}'");
        Assert.True(c.Actions.Length == c.Steps.Length, $"{c.Label}: {c.Actions.Length} actions but {c.Steps.Length} steps");
        return c;
    }

    private static IStatefulEnvironment CreateFor(ReferenceCase c)
    {
        Assert.True(EnvironmentRegistry.Contains(c.EnvId),
            $"{c.Label}: environment '{c.EnvId}' is not in the registry (known: {string.Join(", ", EnvironmentRegistry.Ids)})");
        return EnvironmentRegistry.Create(c.EnvId);
    }

    private static void CheckStep(
        ReferenceCase c, int k, string mode, ReferenceStep expected, double[] state, float[] obs, StepResult result,
        double tolerance, bool relative)
    {
        Assert.True(state.Length == expected.State.Length,
            $"{c.Label} {mode} step {k}: state has {state.Length} values, reference {expected.State.Length}");
        for (int i = 0; i < state.Length; i++)
            CheckNumber(c, k, mode, $"state[{i}]", expected.State[i], state[i], tolerance, relative);
        CheckNumber(c, k, mode, "reward", expected.Reward, result.Reward, tolerance, relative);
        CheckFlags(c, k, mode, expected, result);
        CheckObservation(c, k, mode, expected.Observation, obs);
        CheckBits(c, k, mode, expected, state, obs, result);
    }

    private static void CheckFlags(ReferenceCase c, int k, string mode, ReferenceStep expected, StepResult result)
    {
        Assert.True(result.Terminated == expected.Terminated,
            $"{c.Label} {mode} step {k}: terminated {result.Terminated}, reference {expected.Terminated}");
        Assert.True(result.Truncated == expected.Truncated,
            $"{c.Label} {mode} step {k}: truncated {result.Truncated}, reference {expected.Truncated}");
    }

    private static void CheckObservation(ReferenceCase c, int k, string mode, double[] expected, float[] obs)
    {
        Assert.True(obs.Length == expected.Length,
            $"{c.Label} {mode} step {k}: observation has {obs.Length} values, reference {expected.Length}");
        for (int i = 0; i < obs.Length; i++)
        {
            CheckNumber(c, k, mode, $"observation[{i}]", expected[i], obs[i], ObservationTolerance, relative: true);
            Assert.True(obs[i] == (float)expected[i],
                $"{c.Label} {mode} step {k}: observation[{i}] {F(obs[i])} is not bit-equal to reference {F((float)expected[i])}");
        }
    }

    // The stronger check: exact IEEE equality of every number, sign of zero included.
    private static void CheckBits(ReferenceCase c, int k, string mode, ReferenceStep expected, double[] state, float[] obs, StepResult result)
    {
        for (int i = 0; i < state.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(state[i]) == BitConverter.DoubleToInt64Bits(expected.State[i]),
                $"{c.Label} {mode} step {k}: state[{i}] {F(state[i])} is not bit-equal to reference {F(expected.State[i])}");
        }

        Assert.True(BitConverter.DoubleToInt64Bits(result.Reward) == BitConverter.DoubleToInt64Bits(expected.Reward),
            $"{c.Label} {mode} step {k}: reward {F(result.Reward)} is not bit-equal to reference {F(expected.Reward)}");
        CheckFlags(c, k, mode, expected, result);
        for (int i = 0; i < obs.Length; i++)
        {
            Assert.True(obs[i] == (float)expected.Observation[i],
                $"{c.Label} {mode} step {k}: observation[{i}] {F(obs[i])} is not bit-equal to reference {F((float)expected.Observation[i])}");
        }
    }

    private static void CheckNumber(ReferenceCase c, int k, string mode, string field, double expected, double got, double tolerance, bool relative)
    {
        double bound = relative ? tolerance * Math.Max(1.0, Math.Abs(expected)) : tolerance;
        Assert.True(Math.Abs(got - expected) <= bound,
            $"{c.Label} {mode} step {k}: {field} = {F(got)}, reference {F(expected)}, |diff| {F(Math.Abs(got - expected))} > {F(bound)}");
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
