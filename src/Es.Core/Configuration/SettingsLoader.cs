// Loading EsSettings: user file + --set overrides on top of reference.conf, unknown-key check,
// typed reading and validation.
namespace Es.Core.Configuration;
using Es.Core.Policies;
using Es.Core.Strategies;

using Es.Core.Configuration.Hocon;

/// <summary>
/// Builds <see cref="EsSettings"/> the Akka way: reference.conf supplies every default, the user's
/// file changes some, <c>--set key=value</c> overrides change it last, and substitutions resolve
/// over the combination (so a user file may say <c>sigma = ${es.strategy.sigma}</c>).
/// </summary>
public static class SettingsLoader
{
    /// <summary>The origin name of values that came from <c>--set</c> overrides.</summary>
    public const string OverrideOrigin = "--set";

    /// <summary>Loads a user configuration file with optional <c>key=value</c> overrides (each read as a HOCON line).</summary>
    /// <exception cref="ConfigException">Syntax, unknown key, type or validation error, or a setting with no effect (<see cref="Read"/>), located in the file or in <c>--set</c>.</exception>
    public static EsSettings Load(string path, IEnumerable<string>? overrides = null) => Checked(Read(path, overrides));

    /// <summary>
    /// As <see cref="Load"/>, but a setting that has no effect with the others is returned in
    /// <see cref="LoadedSettings.Unused"/> instead of refused: for a caller that runs one file
    /// several ways (<c>es compare</c> tries several strategies) and judges the keys over all of them.
    /// </summary>
    /// <exception cref="ConfigException">Syntax, unknown key, type or validation error.</exception>
    public static LoadedSettings Read(string path, IEnumerable<string>? overrides = null)
    {
        var builder = StartBuilder(path);
        HoconParser.ParseFileInto(builder, path);
        return Finish(builder, overrides);
    }

    /// <summary>Reads settings from the user's HOCON text; <paramref name="originName"/> names it in errors.</summary>
    /// <exception cref="ConfigException">Syntax, unknown key, type or validation error, or a setting with no effect.</exception>
    public static EsSettings Parse(string text, string originName, IEnumerable<string>? overrides = null)
    {
        var builder = StartBuilder(originName);
        HoconParser.ParseStringInto(builder, text, originName);
        return Checked(Finish(builder, overrides));
    }

    /// <summary>
    /// Reads a configuration EsAkka wrote itself (<see cref="EsSettings.ToHocon"/>, kept in run
    /// directories and checkpoints). It lists every key, defaults included, so keys the run does
    /// not read are expected there and not refused.
    /// </summary>
    /// <exception cref="ConfigException">Syntax, unknown key, type or validation error.</exception>
    public static EsSettings ParseSaved(string text, string originName)
    {
        var builder = StartBuilder(originName);
        HoconParser.ParseStringInto(builder, text, originName);
        return Finish(builder, null).Settings;
    }

    /// <summary>Reads settings from an already parsed tree, with reference.conf as its fallback.</summary>
    /// <exception cref="ConfigException">Unknown key, type or validation error, or a setting with no effect.</exception>
    public static EsSettings FromHocon(HoconObject root) => Checked(FromMerged(root.WithFallback(SettingsSchema.Reference)));

    /// <summary>reference.conf alone, without the environment registry check (see <see cref="EsSettings.Default"/>).</summary>
    internal static EsSettings LoadDefault() => FromMerged(SettingsSchema.Reference).Settings;

    // The rule of SettingsUsage: a setting with no effect is refused, at the first one, naming the others.
    private static EsSettings Checked(LoadedSettings loaded)
    {
        if (loaded.Unused.Count == 0)
        {
            return loaded.Settings;
        }

        UnusedSetting first = loaded.Unused[0];
        if (loaded.Unused.Count == 1)
        {
            throw first.ToException();
        }

        string others = string.Join("; ", loaded.Unused.Skip(1).Select(u => $"{u.Key} ({u.Origin})"));
        ConfigException e = first.ToException();
        throw new ConfigException($"{e.Reason}. Also without effect: {others}", e.File, e.Line, e.Column, e.Key);
    }

    private static HoconObject StartBuilder(string originName)
    {
        var builder = HoconParser.NewBuilder(originName);
        HoconParser.ParseStringInto(builder, SettingsSchema.ReferenceText, SettingsSchema.ReferenceOrigin);
        return builder;
    }

    private static LoadedSettings Finish(HoconObject builder, IEnumerable<string>? overrides)
    {
        foreach (string line in overrides ?? [])
        {
            HoconParser.ParseStringInto(builder, line, OverrideOrigin);
        }

        return FromMerged(HoconParser.Resolve(builder));
    }

    private static LoadedSettings FromMerged(HoconObject merged)
    {
        SettingsSchema.CheckKnownKeys(merged);
        // null means "unset": the key takes reference.conf's value, which for the shared strategy
        // keys is "the strategy's own default".
        HoconObject root = merged.WithNullsFrom(SettingsSchema.Reference);
        var settings = ReadSettings(root) with { Akka = SettingsSchema.AkkaSection(root) };
        SettingsValidator.Validate(settings, root);
        return new LoadedSettings(settings, SettingsUsage.Find(settings, root));
    }

    private static EsSettings ReadSettings(HoconObject r) => new(
        new RunSettings(
            Seed: ReadSeed(r, "es.run.seed"),
            MaxGenerations: r.GetLong("es.run.max-generations"),
            MaxTimesteps: r.GetLong("es.run.max-timesteps"),
            GoalReturn: r.IsNull("es.run.goal-return") ? null : r.GetDouble("es.run.goal-return"),
            GoalConsecutive: r.GetInt("es.run.goal-consecutive")),
        new EnvSettings(
            Id: r.GetString("es.env.id"),
            MaxEpisodeSteps: r.GetInt("es.env.max-episode-steps"),
            Dimension: r.GetInt("es.env.dimension"),
            Optimum: r.GetDoubleList("es.env.optimum"),
            Arm: new ArmSettings(
                Links: r.GetInt("es.env.arm.links"),
                LinkLengths: r.GetDoubleList("es.env.arm.link-lengths"),
                ControlCost: r.GetDouble("es.env.arm.control-cost")))
        {
            MuJoCo = new MuJoCoSettings(
                Model: r.GetString("es.env.mujoco.model"),
                Reward: r.GetString("es.env.mujoco.reward"),
                Body: r.GetString("es.env.mujoco.body"),
                FrameSkip: r.GetInt("es.env.mujoco.frame-skip"),
                MaxEpisodeSteps: r.GetInt("es.env.mujoco.max-episode-steps"),
                ForwardRewardWeight: r.GetDouble("es.env.mujoco.forward-reward-weight"),
                CtrlCostWeight: r.GetDouble("es.env.mujoco.ctrl-cost-weight"),
                HealthyReward: r.GetDouble("es.env.mujoco.healthy-reward"),
                HealthyZRange: r.GetDoubleList("es.env.mujoco.healthy-z-range"),
                ResetNoiseScale: r.GetDouble("es.env.mujoco.reset-noise-scale"),
                Target: r.GetDoubleList("es.env.mujoco.target"),
                TargetNoise: r.GetDouble("es.env.mujoco.target-noise")),
        },
        new PolicySettings(
            Type: SettingsNames.Read(r, "es.policy.type", SettingsNames.PolicyTypes),
            Hidden: r.GetIntList("es.policy.hidden"),
            Activation: SettingsNames.Read(r, "es.policy.activation", SettingsNames.Activations),
            ActionNoise: r.GetDouble("es.policy.action-noise"),
            InitOutputStd: r.GetDouble("es.policy.init-output-std"),
            CellSize: r.GetInt("es.policy.cell-size"),
            Conv: new ConvSettings(
                Channels: r.GetIntList("es.policy.conv.channels"),
                Kernels: r.GetIntList("es.policy.conv.kernels"),
                Strides: r.GetIntList("es.policy.conv.strides"),
                VirtualBatchNorm: r.GetBool("es.policy.conv.virtual-batch-norm"),
                ReferenceBatch: r.GetInt("es.policy.conv.reference-batch"))),
        new StrategySettings(
            Name: r.GetString("es.strategy.name"),
            Population: r.GetInt("es.strategy.population"),
            Sigma: r.IsNull("es.strategy.sigma") ? null : r.GetDouble("es.strategy.sigma"),
            Mirrored: r.IsNull("es.strategy.mirrored") ? null : r.GetBool("es.strategy.mirrored"),
            FitnessShaping: SettingsNames.Read(r, "es.strategy.fitness-shaping", SettingsNames.FitnessShapings),
            WeightDecay: r.IsNull("es.strategy.weight-decay") ? null : r.GetDouble("es.strategy.weight-decay"),
            EpisodesPerCandidate: r.GetInt("es.strategy.episodes-per-candidate"),
            Optimizer: new OptimizerSettings(
                Type: SettingsNames.Read(r, "es.strategy.optimizer.type", SettingsNames.OptimizerTypes),
                LearningRate: r.GetDouble("es.strategy.optimizer.learning-rate"),
                Beta1: r.IsNull("es.strategy.optimizer.beta1") ? null : r.GetDouble("es.strategy.optimizer.beta1"),
                Beta2: r.GetDouble("es.strategy.optimizer.beta2"),
                Epsilon: r.GetDouble("es.strategy.optimizer.epsilon"),
                Momentum: r.GetDouble("es.strategy.optimizer.momentum")),
            Blocks: new StrategyBlocks(
                Pepg: new PepgSettings(
                    SigmaAlpha: r.GetDouble("es.strategy.pepg.sigma-alpha"),
                    SigmaDecay: r.GetDouble("es.strategy.pepg.sigma-decay"),
                    SigmaLimit: r.GetDouble("es.strategy.pepg.sigma-limit"),
                    SigmaMaxChange: r.GetDouble("es.strategy.pepg.sigma-max-change"),
                    LearningRateDecay: r.GetDouble("es.strategy.pepg.learning-rate-decay"),
                    LearningRateLimit: r.GetDouble("es.strategy.pepg.learning-rate-limit"),
                    EliteRatio: r.GetDouble("es.strategy.pepg.elite-ratio")),
                Snes: new SnesSettings(
                    MeanLearningRate: r.GetDouble("es.strategy.snes.mean-learning-rate"),
                    SigmaLearningRate: r.GetDouble("es.strategy.snes.sigma-learning-rate")),
                Ars: new ArsSettings(TopDirections: r.GetInt("es.strategy.ars.top-directions"), StepSize: r.GetDouble("es.strategy.ars.step-size")),
                CmaEs: new CmaEsSettings(
                    Restarts: r.GetInt("es.strategy.cma-es.restarts"),
                    PopulationIncrease: r.GetDouble("es.strategy.cma-es.population-increase"),
                    TolFun: r.GetDouble("es.strategy.cma-es.tol-fun"),
                    TolX: r.GetDouble("es.strategy.cma-es.tol-x"),
                    MaxCondition: r.GetDouble("es.strategy.cma-es.max-condition")),
                SimpleGa: new SimpleGaSettings(
                    EliteRatio: r.GetDouble("es.strategy.simple-ga.elite-ratio"),
                    Crossover: r.GetBool("es.strategy.simple-ga.crossover"),
                    ForgetBest: r.GetBool("es.strategy.simple-ga.forget-best"),
                    Elitism: r.GetBool("es.strategy.simple-ga.elitism"),
                    SigmaDecay: r.GetDouble("es.strategy.simple-ga.sigma-decay"),
                    SigmaLimit: r.GetDouble("es.strategy.simple-ga.sigma-limit")),
                SimpleGaussian: new SimpleGaussianSettings(Elitist: r.GetBool("es.strategy.simple-gaussian.elitist")))),
        new NoiseSettings(Seed: ReadSeed(r, "es.noise.seed"), Size: ReadNoiseSize(r, "es.noise.size")),
        new NormalizationSettings(
            Enabled: r.GetBool("es.normalization.enabled"),
            Clip: r.GetDouble("es.normalization.clip"),
            SampleProbability: r.GetDouble("es.normalization.sample-probability")),
        new EvaluationSettings(Every: r.GetInt("es.evaluation.every"), Episodes: r.GetInt("es.evaluation.episodes")),
        new CheckpointSettings(Every: r.GetInt("es.checkpoint.every")),
        new ClusterSettings(
            RunId: r.GetString("es.cluster.run-id"),
            Evaluators: r.GetInt("es.cluster.evaluators"),
            HeadEvaluates: r.GetBool("es.cluster.head-evaluates"),
            TaskTimeout: r.GetDuration("es.cluster.task-timeout"),
            TakeOverWait: r.GetDuration("es.cluster.take-over-wait"),
            StragglerCutoff: r.GetDouble("es.cluster.straggler-cutoff")),
        new RolloutSettings(Lanes: r.GetInt("es.rollouts.lanes")));

    private static ulong ReadSeed(HoconObject r, string path)
    {
        long seed = r.GetLong(path);
        return seed >= 0 ? (ulong)seed : throw r.GetValue(path).Origin.Error("a seed must be >= 0 (got " + seed + ")", path);
    }

    private static int ReadNoiseSize(HoconObject r, string path)
    {
        long size = r.GetBytes(path);
        return size <= Array.MaxLength
            ? (int)Math.Max(size, int.MinValue)
            : throw r.GetValue(path).Origin.Error($"{size} values is too large; a noise table holds at most {Array.MaxLength}", path);
    }
}
