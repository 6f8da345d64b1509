// Renders EsSettings as an `es { ... }` HOCON document (saved with runs and checkpoints).
namespace Es.Core.Configuration;
using Es.Core.Policies;
using Es.Core.Strategies;

using Es.Core.Configuration.Hocon;

/// <summary>
/// Writes every setting, defaults included, so a saved run configuration does not depend on the
/// reference.conf of the version that reads it back.
/// </summary>
internal static class SettingsWriter
{
    private static readonly HoconOrigin Origin = new("EsSettings", 1, 1);

    public static string ToHocon(EsSettings s)
    {
        StrategyBlocks b = s.Strategy.Blocks;
        ConvSettings conv = s.Policy.Conv ?? EsSettings.Default.Policy.Conv!;
        var root = Obj(("es", Obj(
            ("run", Obj(
                ("seed", Num((long)s.Run.Seed)),
                ("max-generations", Num(s.Run.MaxGenerations)),
                ("max-timesteps", Num(s.Run.MaxTimesteps)),
                ("goal-return", s.Run.GoalReturn is { } g ? Num(g) : Null()),
                ("goal-consecutive", Num(s.Run.GoalConsecutive)))),
            ("env", Obj(
                ("id", Str(s.Env.Id)),
                ("max-episode-steps", Num(s.Env.MaxEpisodeSteps)),
                ("dimension", Num(s.Env.Dimension)),
                ("optimum", Arr(s.Env.Optimum.Select(Num))),
                ("arm", Obj(
                    ("links", Num(s.Env.Arm.Links)),
                    ("link-lengths", Arr(s.Env.Arm.LinkLengths.Select(Num))),
                    ("control-cost", Num(s.Env.Arm.ControlCost)))),
                ("mujoco", Obj(
                    ("model", Str(s.Env.MuJoCo.Model)),
                    ("reward", Str(s.Env.MuJoCo.Reward)),
                    ("body", Str(s.Env.MuJoCo.Body)),
                    ("frame-skip", Num(s.Env.MuJoCo.FrameSkip)),
                    ("max-episode-steps", Num(s.Env.MuJoCo.MaxEpisodeSteps)),
                    ("forward-reward-weight", Num(s.Env.MuJoCo.ForwardRewardWeight)),
                    ("ctrl-cost-weight", Num(s.Env.MuJoCo.CtrlCostWeight)),
                    ("healthy-reward", Num(s.Env.MuJoCo.HealthyReward)),
                    ("healthy-z-range", Arr(s.Env.MuJoCo.HealthyZRange.Select(Num))),
                    ("reset-noise-scale", Num(s.Env.MuJoCo.ResetNoiseScale)),
                    ("target", Arr(s.Env.MuJoCo.Target.Select(Num))),
                    ("target-noise", Num(s.Env.MuJoCo.TargetNoise)))))),
            ("policy", Obj(
                ("type", Str(SettingsNames.NameOf(s.Policy.Type, SettingsNames.PolicyTypes))),
                ("hidden", Arr(s.Policy.Hidden.Select(h => Num(h)))),
                ("activation", Str(SettingsNames.NameOf(s.Policy.Activation, SettingsNames.Activations))),
                ("action-noise", Num(s.Policy.ActionNoise)),
                ("init-output-std", Num(s.Policy.InitOutputStd)),
                ("cell-size", Num(s.Policy.CellSize)),
                ("conv", Obj(
                    ("channels", Arr(conv.Channels.Select(h => Num(h)))),
                    ("kernels", Arr(conv.Kernels.Select(h => Num(h)))),
                    ("strides", Arr(conv.Strides.Select(h => Num(h)))),
                    ("virtual-batch-norm", HoconScalar.Boolean(conv.VirtualBatchNorm, Origin)),
                    ("reference-batch", Num(conv.ReferenceBatch)))))),
            ("strategy", Obj(
                ("name", Str(s.Strategy.Name)),
                ("population", Num(s.Strategy.Population)),
                ("sigma", s.Strategy.Sigma is { } sigma ? Num(sigma) : Null()),
                ("mirrored", s.Strategy.Mirrored is { } mirrored ? HoconScalar.Boolean(mirrored, Origin) : Null()),
                ("fitness-shaping", Str(SettingsNames.NameOf(s.Strategy.FitnessShaping, SettingsNames.FitnessShapings))),
                ("weight-decay", s.Strategy.WeightDecay is { } decay ? Num(decay) : Null()),
                ("episodes-per-candidate", Num(s.Strategy.EpisodesPerCandidate)),
                ("optimizer", Obj(
                    ("type", Str(SettingsNames.NameOf(s.Strategy.Optimizer.Type, SettingsNames.OptimizerTypes))),
                    ("learning-rate", Num(s.Strategy.Optimizer.LearningRate)),
                    ("beta1", s.Strategy.Optimizer.Beta1 is { } beta1 ? Num(beta1) : Null()),
                    ("beta2", Num(s.Strategy.Optimizer.Beta2)),
                    ("epsilon", Num(s.Strategy.Optimizer.Epsilon)),
                    ("momentum", Num(s.Strategy.Optimizer.Momentum)))),
                ("pepg", Obj(
                    ("sigma-alpha", Num(b.Pepg.SigmaAlpha)),
                    ("sigma-decay", Num(b.Pepg.SigmaDecay)),
                    ("sigma-limit", Num(b.Pepg.SigmaLimit)),
                    ("sigma-max-change", Num(b.Pepg.SigmaMaxChange)),
                    ("learning-rate-decay", Num(b.Pepg.LearningRateDecay)),
                    ("learning-rate-limit", Num(b.Pepg.LearningRateLimit)),
                    ("elite-ratio", Num(b.Pepg.EliteRatio)))),
                ("snes", Obj(("mean-learning-rate", Num(b.Snes.MeanLearningRate)), ("sigma-learning-rate", Num(b.Snes.SigmaLearningRate)))),
                ("ars", Obj(("top-directions", Num(b.Ars.TopDirections)), ("step-size", Num(b.Ars.StepSize)))),
                ("cma-es", Obj(
                    ("restarts", Num(b.CmaEs.Restarts)),
                    ("population-increase", Num(b.CmaEs.PopulationIncrease)),
                    ("tol-fun", Num(b.CmaEs.TolFun)),
                    ("tol-x", Num(b.CmaEs.TolX)),
                    ("max-condition", Num(b.CmaEs.MaxCondition)))),
                ("simple-ga", Obj(
                    ("elite-ratio", Num(b.SimpleGa.EliteRatio)),
                    ("crossover", HoconScalar.Boolean(b.SimpleGa.Crossover, Origin)),
                    ("forget-best", HoconScalar.Boolean(b.SimpleGa.ForgetBest, Origin)),
                    ("elitism", HoconScalar.Boolean(b.SimpleGa.Elitism, Origin)),
                    ("sigma-decay", Num(b.SimpleGa.SigmaDecay)),
                    ("sigma-limit", Num(b.SimpleGa.SigmaLimit)))),
                ("simple-gaussian", Obj(("elitist", HoconScalar.Boolean(b.SimpleGaussian.Elitist, Origin)))))),
            ("noise", Obj(("seed", Num((long)s.Noise.Seed)), ("size", Num(s.Noise.Size)))),
            ("normalization", Obj(
                ("enabled", HoconScalar.Boolean(s.Normalization.Enabled, Origin)),
                ("clip", Num(s.Normalization.Clip)),
                ("sample-probability", Num(s.Normalization.SampleProbability)))),
            ("evaluation", Obj(("every", Num(s.Evaluation.Every)), ("episodes", Num(s.Evaluation.Episodes)))),
            ("checkpoint", Obj(("every", Num(s.Checkpoint.Every)))),
            ("rollouts", Obj(("lanes", Num(s.Rollouts.Lanes)))),
            ("cluster", Obj(
                ("run-id", Str(s.Cluster.RunId)),
                ("evaluators", Num(s.Cluster.Evaluators)),
                ("head-evaluates", HoconScalar.Boolean(s.Cluster.HeadEvaluates, Origin)),
                ("task-timeout", Str($"{(long)s.Cluster.TaskTimeout.TotalMilliseconds}ms")),
                ("take-over-wait", Str($"{(long)s.Cluster.TakeOverWait.TotalMilliseconds}ms")),
                ("straggler-cutoff", Num(s.Cluster.StragglerCutoff)))))));
        return root.ToHocon();
    }

    private static HoconObject Obj(params (string Key, HoconValue Value)[] fields)
    {
        var obj = new HoconObject(Origin);
        foreach (var (key, value) in fields)
        {
            obj.Set(key, value, Origin);
        }

        obj.MarkResolved();
        return obj;
    }

    private static HoconArray Arr(IEnumerable<HoconValue> items) => new(items, Origin);

    private static HoconScalar Num(long value) => HoconScalar.Number(value, Origin);

    private static HoconScalar Num(double value) => HoconScalar.Number(value, Origin);

    private static HoconScalar Str(string value) => HoconScalar.String(value, Origin);

    private static HoconScalar Null() => HoconScalar.Null(Origin);
}
