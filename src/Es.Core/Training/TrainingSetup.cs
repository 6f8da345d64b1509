// Composes validated settings into the pieces of a run: noise table, policy, fitness functions, strategy, learner.
using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Evaluation;
using Es.Core.Noise;
using Es.Core.Normalization;
using Es.Core.Objectives;
using Es.Core.Policies;
using Es.Core.Random;
using Es.Core.Strategies;

namespace Es.Core.Training;

/// <summary>
/// The one place that turns <see cref="EsSettings"/> into objects. The local trainer, the actors
/// and every cluster node build their pieces here, so they cannot disagree about what a setting
/// means.
/// </summary>
public sealed class TrainingSetup
{
    private const ulong PolicyInitDomain = 0x504F4C49; // "POLI"
    private const ulong ReferenceBatchDomain = 0x5642_4E00; // "VBN"

    private TrainingSetup(EsSettings settings, EnvironmentSpec? environment, PolicySpec? policy, int dimension, float[]? referenceBatch = null)
    {
        ReferenceBatch = referenceBatch;
        Settings = settings;
        Environment = environment;
        Policy = policy;
        Dimension = dimension;
    }

    /// <summary>The settings this setup was built from.</summary>
    public EsSettings Settings { get; }

    /// <summary>The environment's spec, or null when the task is a test function.</summary>
    public EnvironmentSpec? Environment { get; }

    /// <summary>The policy architecture, or null when the task is a test function.</summary>
    public PolicySpec? Policy { get; }

    /// <summary>
    /// The reference batch of a policy with virtual batch normalization (raw observations, one after
    /// the other), collected once from the run seed; null for every other policy. Every node derives the
    /// same batch; the learner saves it in checkpoints.
    /// </summary>
    public float[]? ReferenceBatch { get; }

    /// <summary>Number of parameters being optimized.</summary>
    public int Dimension { get; }

    /// <summary>The run seed.</summary>
    public ulong RunSeed => Settings.Run.Seed;

    /// <summary>The shared noise table (built once per process for its seed and size).</summary>
    public NoiseTable Noise => NoiseOf(Settings);

    /// <summary>The shared noise table the settings name.</summary>
    public static NoiseTable NoiseOf(EsSettings settings) => NoiseTable.Shared(settings.Noise.Seed, settings.Noise.Size);

    /// <summary>Builds the setup.</summary>
    /// <exception cref="ArgumentException">The settings name something that cannot be built (the message says what).</exception>
    public static TrainingSetup FromSettings(EsSettings settings)
    {
        SettingsValidator.Validate(settings);
        if (ObjectiveRegistry.Contains(settings.Env.Id))
        {
            IObjective objective = CreateObjective(settings);
            return new TrainingSetup(settings, null, null, objective.Dimension);
        }
        IEnvironment env = CreateEnvironment(settings);
        ConvSettings conv = settings.Policy.Conv ?? EsSettings.Default.Policy.Conv!;
        bool isConv = settings.Policy.Type == PolicyKind.Conv;
        PolicySpec spec = new(
            settings.Policy.Type,
            settings.Policy.Type is PolicyKind.Mlp or PolicyKind.Conv ? settings.Policy.Hidden.ToArray() : [],
            settings.Policy.Activation,
            (float)settings.Policy.ActionNoise,
            (float)settings.Policy.InitOutputStd,
            settings.Policy.Type is PolicyKind.Gru or PolicyKind.Lstm ? settings.Policy.CellSize : 0)
        {
            ConvLayers = isConv ? conv.Channels.Select((c, i) => new ConvLayer(c, conv.Kernels[i], conv.Strides[i])).ToArray() : [],
            VirtualBatchNorm = isConv && conv.VirtualBatchNorm,
        };
        var policy = new Policy(spec, env.Spec);
        float[]? batch = spec.VirtualBatchNorm
            ? Evaluation.ReferenceBatch.Collect(CreateEnvironment(settings), Rng.Mix(settings.Run.Seed, ReferenceBatchDomain), conv.ReferenceBatch)
            : null;
        return new TrainingSetup(settings, env.Spec, spec, policy.ParameterCount, batch);
    }

    /// <summary>A fresh fitness function with its own environment instance (one per evaluator).</summary>
    public IFitnessFunction CreateFitness()
    {
        if (Environment is null) return new ObjectiveFitness(CreateObjective(Settings));
        IEnvironment env = CreateEnvironment(Settings);
        var policy = new Policy(Policy!, env.Spec);
        if (ReferenceBatch is not null) policy.SetReferenceBatch(ReferenceBatch);
        return new EpisodeFitness(env, policy, Settings.Strategy.EpisodesPerCandidate, Settings.Env.MaxEpisodeSteps);
    }

    /// <summary>A fresh instance of the task's environment, for tools that step it themselves (es render); null for a test function.</summary>
    public IEnvironment? NewEnvironment() => Environment is null ? null : CreateEnvironment(Settings);

    /// <summary>A fresh instance of the test function, for tools that draw it (es render); null for an environment task.</summary>
    public IObjective? NewObjective() => Environment is null ? CreateObjective(Settings) : null;

    /// <summary>
    /// A fresh evaluator (its own fitness function and buffers). With <see cref="Lanes"/> above 1 it
    /// also evaluates a batch of tasks together (<see cref="PairEvaluator.EvaluateMany"/>): episodes
    /// in lockstep, or a test function's candidates side by side, built on its first batch.
    /// </summary>
    public PairEvaluator CreateEvaluator() =>
        new(CreateFitness(), Lanes > 1 ? CreateBatchEvaluator : null);

    /// <summary>
    /// Episodes (or a test function's candidates) an evaluator takes together: es.rollouts.lanes,
    /// or when that is 0 the number <see cref="LockstepRollouts.AutoLanes"/> picks for the policy's
    /// size, <see cref="ObjectiveLanes.AutoLanes"/> for a test function; 1 for the policies lockstep
    /// does not cover (recurrent and convolutional: one episode at a time).
    /// </summary>
    public int Lanes => !SupportsLockstep ? 1
        : Settings.Rollouts.Lanes > 0 ? Settings.Rollouts.Lanes
        : Environment is null ? ObjectiveLanes.AutoLanes
        : LockstepRollouts.AutoLanes(Dimension);

    /// <summary>Whether an evaluator can take several tasks together: a test function, or an environment with a linear or MLP policy.</summary>
    public bool SupportsLockstep => Environment is null || Policy!.Kind is PolicyKind.Linear or PolicyKind.Mlp;

    /// <summary>What an evaluator with <see cref="Lanes"/> lanes hands its batches to: lockstep episodes, or a test function's candidates together.</summary>
    public IBatchEvaluator CreateBatchEvaluator() =>
        Environment is null ? new ObjectiveLanes(CreateObjective(Settings), Lanes) : CreateLockstep();

    /// <summary>Lockstep lanes over fresh environments, for the episodes <see cref="CreateFitness"/> runs.</summary>
    /// <exception cref="InvalidOperationException">The task is a test function (no episodes).</exception>
    public LockstepRollouts CreateLockstep()
    {
        if (Environment is null) throw new InvalidOperationException($"{Settings.Env.Id} is a test function: it has no episodes to step in lockstep.");
        ILockstepEnvironment lanes = Settings.Env.Id switch
        {
            CartPoleEnvironment.EnvironmentId => new CartPoleLanes(Lanes),
            PendulumEnvironment.EnvironmentId => new PendulumLanes(Lanes),
            AcrobotEnvironment.EnvironmentId => new AcrobotLanes(Lanes),
            ArmEnvironment.EnvironmentId => new ArmLanes(ArmOptionsOf(Settings), Lanes),
            _ => new EnvironmentLanes(() => CreateEnvironment(Settings), Lanes),
        };
        return new LockstepRollouts(lanes, Policy!, Settings.Strategy.EpisodesPerCandidate, Settings.Env.MaxEpisodeSteps);
    }

    /// <summary>θ₀: the policy's normalized-column initialization from the run seed, or zeros for a test function.</summary>
    public float[] InitialParameters()
    {
        var theta = new float[Dimension];
        if (Environment is not null)
            new Policy(Policy!, Environment).Initialize(theta, Rng.Mix(RunSeed, PolicyInitDomain));
        return theta;
    }

    /// <summary>A strategy at generation 0 around θ₀.</summary>
    /// <exception cref="ArgumentException">The settings cannot build the strategy; the message names the option.</exception>
    public IStrategy CreateStrategy() => StrategyOf(Settings, InitialParameters());

    /// <summary>The strategy es.strategy.name selects, at generation 0 around <paramref name="initialParameters"/> (see <see cref="StrategyCatalog"/>).</summary>
    /// <exception cref="ArgumentException">The settings cannot build the strategy; the message names the option.</exception>
    public static IStrategy StrategyOf(EsSettings settings, ReadOnlySpan<float> initialParameters) => StrategyCatalog.Create(settings, initialParameters);

    /// <summary>The normalizer at the start of a run (identity when normalization is off or there are no observations).</summary>
    public ObservationNormalizer CreateNormalizer() => NormalizerOf(Settings, Environment?.ObservationSize ?? 0);

    /// <summary>The normalizer <paramref name="settings"/> give for observations of <paramref name="observationSize"/> components (identity when off or empty).</summary>
    public static ObservationNormalizer NormalizerOf(EsSettings settings, int observationSize) =>
        settings.Normalization.Enabled && observationSize > 0
            ? new ObservationNormalizer(observationSize, (float)settings.Normalization.Clip)
            : ObservationNormalizer.Identity(observationSize);

    /// <summary>A learner at generation 0.</summary>
    public Learner CreateLearner() => CreateLearner(CreateStrategy());

    /// <summary>A learner around <paramref name="strategy"/> (one built by hand rather than from es.strategy), with every other piece from the settings.</summary>
    public Learner CreateLearner(IStrategy strategy) =>
        new(strategy, CreateNormalizer(), RunSeed, Settings.Normalization.SampleProbability, Settings.Strategy.EpisodesPerCandidate,
            Settings.Evaluation.Every, Settings.Evaluation.Episodes)
        { ReferenceBatch = ReferenceBatch };

    /// <summary>A local trainer with <paramref name="threads"/> evaluators.</summary>
    public LocalTrainer CreateLocalTrainer(int threads = 1) => new(CreateLearner(), CreateEvaluator, threads);

    /// <summary>A local trainer around <paramref name="strategy"/> with <paramref name="threads"/> evaluators.</summary>
    public LocalTrainer CreateLocalTrainer(IStrategy strategy, int threads) => new(CreateLearner(strategy), CreateEvaluator, threads);

    private static IObjective CreateObjective(EsSettings s) =>
        ObjectiveRegistry.Create(s.Env.Id, s.Env.Dimension, s.Env.Optimum.Count == 0 ? null : s.Env.Optimum.ToArray());

    private static IEnvironment CreateEnvironment(EsSettings s) =>
        s.Env.Id != ArmEnvironment.EnvironmentId ? EnvironmentRegistry.Create(s.Env) : EnvironmentRegistry.CreateArm(ArmOptionsOf(s));

    private static ArmOptions ArmOptionsOf(EsSettings s) => new()
    {
        Links = s.Env.Arm.Links,
        LinkLengths = s.Env.Arm.LinkLengths.Count == 0 ? null : s.Env.Arm.LinkLengths.ToArray(),
        ControlCost = s.Env.Arm.ControlCost,
    };
}
