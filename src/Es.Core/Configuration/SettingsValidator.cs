// The value rules of EsAkka settings (ranges, parity, known names), checked after reading.
using Es.Core.Training;

namespace Es.Core.Configuration;

using Es.Core.Text;

using System.Globalization;
using Es.Core.Configuration.Hocon;
using Es.Core.Environments;
using Es.Core.Objectives;
using Es.Core.Policies;

/// <summary>
/// Refuses settings that cannot run or would silently misbehave (sigma &lt;= 0, an odd mirrored
/// population, an unknown environment...). Each refusal is a <see cref="ConfigException"/>
/// naming the key and, when the settings came from HOCON, where the value was written.
/// </summary>
public static class SettingsValidator
{
    /// <summary>Whether es.env.id names something runnable: a registered environment or a test function.</summary>
    internal static bool IsKnownEnvironment(string id) => EnvironmentRegistry.Contains(id) || ObjectiveRegistry.Contains(id);

    /// <summary>Checks settings built in code; throws on the first rule broken.</summary>
    /// <exception cref="ConfigException">A setting is out of range or names something unknown.</exception>
    public static void Validate(EsSettings settings) => Validate(settings, null);

    /// <summary>Checks settings; <paramref name="source"/> (when they were read from HOCON) supplies the file positions.</summary>
    internal static void Validate(EsSettings s, HoconObject? source)
    {
        var v = new SettingsChecker(source);

        v.AtLeast("es.run.max-generations", s.Run.MaxGenerations, 0, " (0 = no limit)");
        v.AtLeast("es.run.max-timesteps", s.Run.MaxTimesteps, 0, " (0 = no limit)");
        if (s.Run.GoalReturn is { } goal && !double.IsFinite(goal))
        {
            throw v.Fail("es.run.goal-return", "must be a finite number or null (got " + Show(goal) + ")");
        }

        v.AtLeast("es.run.goal-consecutive", s.Run.GoalConsecutive, 1);

        if (!IsKnownEnvironment(s.Env.Id))
        {
            var known = EnvironmentRegistry.Ids.Concat(ObjectiveRegistry.Ids).Distinct().ToList();
            string? guess = NearMiss.Best(s.Env.Id, known);
            throw v.Fail(
                "es.env.id",
                "unknown environment \"" + s.Env.Id + "\"" + (guess is null ? string.Empty : "; did you mean " + guess + "?")
                + " (known: " + string.Join(", ", known) + ")");
        }

        v.AtLeast("es.env.max-episode-steps", s.Env.MaxEpisodeSteps, 0, " (0 = the environment's own limit)");
        v.AtLeast("es.env.dimension", s.Env.Dimension, 0, " (0 = the function's default)");
        v.AtLeast("es.env.arm.links", s.Env.Arm.Links, 1);
        if (s.Env.Arm.LinkLengths.Count != 0 && s.Env.Arm.LinkLengths.Count != s.Env.Arm.Links)
        {
            throw v.Fail("es.env.arm.link-lengths", $"has {s.Env.Arm.LinkLengths.Count} lengths but es.env.arm.links = {s.Env.Arm.Links}; give one per link or [] for equal lengths");
        }

        for (int i = 0; i < s.Env.Arm.LinkLengths.Count; i++)
        {
            if (!(s.Env.Arm.LinkLengths[i] > 0))
            {
                throw v.FailElement("es.env.arm.link-lengths", i, "link lengths must be > 0 (got " + Show(s.Env.Arm.LinkLengths[i]) + " at index " + i + ")");
            }
        }

        v.AtLeast("es.env.arm.control-cost", s.Env.Arm.ControlCost, 0);
        ValidateMuJoCo(s.Env.MuJoCo, v);
        if (EnvironmentRegistry.Check(s.Env) is { } problem)
        {
            throw v.Fail(problem.Key, problem.Message);
        }

        for (int i = 0; i < s.Policy.Hidden.Count; i++)
        {
            if (s.Policy.Hidden[i] <= 0)
            {
                throw v.FailElement("es.policy.hidden", i, "hidden layer sizes must be > 0 (got " + s.Policy.Hidden[i] + " at index " + i + ")");
            }
        }

        v.AtLeast("es.policy.action-noise", s.Policy.ActionNoise, 0);
        v.AtLeast("es.policy.init-output-std", s.Policy.InitOutputStd, 0);
        v.AtLeast("es.policy.cell-size", s.Policy.CellSize, 1);
        if (s.Policy.Type == PolicyKind.Conv) ValidateConv(s, v);

        if (!SettingsNames.Strategies.Contains(s.Strategy.Name, StringComparer.Ordinal))
        {
            throw v.Fail("es.strategy.name", SettingsNames.UnknownValue(s.Strategy.Name, SettingsNames.Strategies));
        }

        v.AtLeast("es.strategy.population", s.Strategy.Population, 0, " (0 = the strategy's default)");
        if (s.Strategy.Population % 2 != 0 && StrategyCatalog.IsMirrored(s.Strategy))
        {
            throw v.Fail("es.strategy.population", $"population {s.Strategy.Population} is odd but {s.Strategy.Name} with mirrored sampling needs pairs");
        }

        if (s.Strategy.Sigma is { } sigma) v.Above("es.strategy.sigma", sigma, 0);
        if (s.Strategy.WeightDecay is { } decay) v.AtLeast("es.strategy.weight-decay", decay, 0);
        v.AtLeast("es.strategy.episodes-per-candidate", s.Strategy.EpisodesPerCandidate, 1);
        v.Above("es.strategy.optimizer.learning-rate", s.Strategy.Optimizer.LearningRate, 0);
        if (s.Strategy.Optimizer.Beta1 is { } beta1) v.UnitInterval("es.strategy.optimizer.beta1", beta1, includeOne: false);
        v.UnitInterval("es.strategy.optimizer.beta2", s.Strategy.Optimizer.Beta2, includeOne: false);
        v.Above("es.strategy.optimizer.epsilon", s.Strategy.Optimizer.Epsilon, 0);
        v.UnitInterval("es.strategy.optimizer.momentum", s.Strategy.Optimizer.Momentum, includeOne: false);
        try
        {
            // The chosen strategy's own rules (its options record's validation), reported at the key.
            StrategyCatalog.Check(s);
        }
        catch (ArgumentException e)
        {
            string reason = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw v.Fail(e.ParamName ?? "es.strategy", reason);
        }

        if (s.Noise.Size < 1000)
        {
            throw v.Fail("es.noise.size", $"{s.Noise.Size} values is too small; the noise table needs at least 1000");
        }

        v.Above("es.normalization.clip", s.Normalization.Clip, 0);
        v.UnitInterval("es.normalization.sample-probability", s.Normalization.SampleProbability, includeOne: true);

        v.AtLeast("es.evaluation.every", s.Evaluation.Every, 0, " (0 = never)");
        if (s.Evaluation.Every > 0 && s.Evaluation.Episodes < 1)
        {
            throw v.Fail("es.evaluation.episodes", $"must be >= 1 when es.evaluation.every > 0 (got {s.Evaluation.Episodes})");
        }

        v.AtLeast("es.checkpoint.every", s.Checkpoint.Every, 0, " (0 = only the final checkpoint)");
        v.AtLeast("es.rollouts.lanes", s.Rollouts.Lanes, 0, " (0 = automatic, 1 = one episode at a time)");

        if (string.IsNullOrWhiteSpace(s.Cluster.RunId) || s.Cluster.RunId.Any(c => char.IsWhiteSpace(c) || c == ':') || s.Cluster.RunId.Length > 200)
            throw v.Fail("es.cluster.run-id", $"\"{s.Cluster.RunId}\" must be non-empty, at most 200 characters, without spaces or ':'");
        v.AtLeast("es.cluster.evaluators", s.Cluster.Evaluators, 0, " (0 = one per core)");
        if (s.Cluster.TaskTimeout <= TimeSpan.Zero) throw v.Fail("es.cluster.task-timeout", $"must be a positive duration (got {s.Cluster.TaskTimeout})");
        if (s.Cluster.TakeOverWait < TimeSpan.Zero) throw v.Fail("es.cluster.take-over-wait", $"must not be negative (got {s.Cluster.TakeOverWait})");
        if (!(s.Cluster.StragglerCutoff > 0 && s.Cluster.StragglerCutoff <= 1))
            throw v.Fail("es.cluster.straggler-cutoff", $"must be in (0, 1], 1 meaning wait for every task (got {Show(s.Cluster.StragglerCutoff)})");
    }

    private static void ValidateConv(EsSettings s, SettingsChecker v)
    {
        ConvSettings c = s.Policy.Conv ?? EsSettings.Default.Policy.Conv!;
        if (c.Channels.Count == 0)
            throw v.Fail("es.policy.conv.channels", "a convolutional policy needs at least one conv layer");
        if (c.Kernels.Count != c.Channels.Count)
            throw v.Fail("es.policy.conv.kernels", $"needs one kernel size per conv layer ({c.Channels.Count} in es.policy.conv.channels, {c.Kernels.Count} here)");
        if (c.Strides.Count != c.Channels.Count)
            throw v.Fail("es.policy.conv.strides", $"needs one stride per conv layer ({c.Channels.Count} in es.policy.conv.channels, {c.Strides.Count} here)");
        foreach (var (key, list) in new[] { ("es.policy.conv.channels", c.Channels), ("es.policy.conv.kernels", c.Kernels), ("es.policy.conv.strides", c.Strides) })
            for (int i = 0; i < list.Count; i++)
                if (list[i] < 1) throw v.FailElement(key, i, $"must be > 0 (got {list[i]} at index {i})");
        if (c.VirtualBatchNorm) v.AtLeast("es.policy.conv.reference-batch", c.ReferenceBatch, 1);
        // Built-in environments are cheap to build; one registered from outside Es.Core (MuJoCo) has vector observations.
        int[]? shape = EnvironmentRegistry.IsBuiltIn(s.Env.Id) ? EnvironmentRegistry.GetSpec(s.Env.Id).ObservationSpace.Shape : null;
        if (shape is not { Length: 3 })
            throw v.Fail("es.policy.type", $"a convolutional policy reads pixel observations (channels x rows x columns), but {s.Env.Id}'s observation is a vector; the Pixel* games have pixels");
        int rows = shape[1], columns = shape[2];
        for (int i = 0; i < c.Channels.Count; i++)
        {
            var layer = new Es.Core.Policies.ConvLayer(c.Channels[i], c.Kernels[i], c.Strides[i]);
            int nextRows = layer.OutputSize(rows), nextColumns = layer.OutputSize(columns);
            if (nextRows < 1 || nextColumns < 1)
                throw v.FailElement("es.policy.conv.kernels", i, $"conv layer {i + 1}'s kernel {c.Kernels[i]} does not fit its {rows}x{columns} input");
            rows = nextRows;
            columns = nextColumns;
        }
    }

    private static void ValidateMuJoCo(MuJoCoSettings m, SettingsChecker v)
    {
        if (!MuJoCoSettings.Rewards.Contains(m.Reward, StringComparer.Ordinal))
        {
            throw v.Fail("es.env.mujoco.reward", SettingsNames.UnknownValue(m.Reward, MuJoCoSettings.Rewards));
        }

        v.AtLeast("es.env.mujoco.frame-skip", m.FrameSkip, 1);
        v.AtLeast("es.env.mujoco.max-episode-steps", m.MaxEpisodeSteps, 1);
        v.AtLeast("es.env.mujoco.forward-reward-weight", m.ForwardRewardWeight, 0);
        v.AtLeast("es.env.mujoco.ctrl-cost-weight", m.CtrlCostWeight, 0);
        v.AtLeast("es.env.mujoco.healthy-reward", m.HealthyReward, 0);
        v.AtLeast("es.env.mujoco.reset-noise-scale", m.ResetNoiseScale, 0);
        v.AtLeast("es.env.mujoco.target-noise", m.TargetNoise, 0);
        if (m.HealthyZRange.Count != 0 && (m.HealthyZRange.Count != 2 || !(m.HealthyZRange[0] < m.HealthyZRange[1]) || m.HealthyZRange.Any(z => !double.IsFinite(z))))
        {
            throw v.Fail("es.env.mujoco.healthy-z-range", "must be [] (never terminate) or [min, max] with finite min < max (got [" + string.Join(", ", m.HealthyZRange.Select(Show)) + "])");
        }

        if (m.Target.Count != 3 || m.Target.Any(t => !double.IsFinite(t)))
        {
            throw v.Fail("es.env.mujoco.target", "must be three finite numbers [x, y, z] (got [" + string.Join(", ", m.Target.Select(Show)) + "])");
        }
    }

    internal static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
