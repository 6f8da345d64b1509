// Builds the pieces every role of a run needs from its options: learners, evaluators, the stop rule, the resume state.
using Es.Core.Checkpoints;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Strategies;
using Es.Core.Training;

namespace Es.Actors.Hosting;

/// <summary>
/// The composition shared by single-process, head and worker roles, so they cannot build a
/// run differently. Settings-driven runs go through <see cref="TrainingSetup"/>; a library user's
/// own fitness function and initial parameters (<see cref="RunOptions.FitnessFactory"/>) replace
/// the task and the policy.
/// </summary>
public sealed class RunPlan
{
    private readonly RunOptions _options;
    private readonly TrainingSetup? _setup;
    private readonly Checkpoint? _resume;

    /// <summary>Validates the options and reads the checkpoint to resume from, if any.</summary>
    /// <exception cref="Es.Core.Configuration.ConfigException">The settings cannot be run.</exception>
    /// <exception cref="CheckpointException">The checkpoint cannot be read or belongs to another run.</exception>
    /// <exception cref="ArgumentException">A custom fitness function does not match the initial parameters.</exception>
    public RunPlan(RunOptions options)
    {
        _options = options;
        if (options.FitnessFactory is null)
        {
            _setup = TrainingSetup.FromSettings(options.Settings);
        }
        else
        {
            if (options.InitialParameters is null) throw new ArgumentException("a custom fitness function needs InitialParameters.", nameof(options));
            int dimension = options.FitnessFactory().Dimension;
            if (dimension != options.InitialParameters.Length)
                throw new ArgumentException($"the fitness function expects {dimension} parameters but InitialParameters has {options.InitialParameters.Length}.", nameof(options));
        }
        if (options.ResumeFrom is { } path)
        {
            _resume = CheckpointFile.Load(path);
            if (_resume.RunSeed != options.Settings.Run.Seed)
                throw new CheckpointException(path, $"it is from a run with seed {_resume.RunSeed}, but the configuration's es.run.seed is {options.Settings.Run.Seed}.");
            if (_resume.Strategy.Center.Length != Dimension)
                throw new CheckpointException(path, $"it holds {_resume.Strategy.Center.Length} parameters, but this configuration's policy has {Dimension}.");
        }
    }

    /// <summary>The options.</summary>
    public RunOptions Options => _options;

    /// <summary>Number of parameters.</summary>
    public int Dimension => _setup?.Dimension ?? _options.InitialParameters!.Length;

    /// <summary>The task id recorded in checkpoints.</summary>
    public string EnvironmentId => _options.FitnessFactory is null ? _options.Settings.Env.Id : "custom";

    /// <summary>The resolved configuration recorded in the run directory and checkpoints.</summary>
    public string Configuration => _options.Settings.ToHocon();

    /// <summary>The checkpoint being resumed, or null.</summary>
    public Checkpoint? Resume => _resume;

    /// <summary>Evaluators in the local pool.</summary>
    public int Evaluators => _options.Evaluators > 0 ? _options.Evaluators : Environment.ProcessorCount;

    /// <summary>
    /// Episodes an evaluator steps together, and so the most tasks of one generation it takes at
    /// once: <see cref="TrainingSetup.Lanes"/> (es.rollouts.lanes, or automatic), the rule the
    /// library loop follows; 1 for a custom fitness function.
    /// </summary>
    public int Lanes => _setup?.Lanes ?? 1;

    /// <summary>A learner at generation 0 (the aggregator's is then restored from <see cref="Resume"/>).</summary>
    public Learner CreateLearner()
    {
        if (_setup is not null) return _setup.CreateLearner();
        var settings = _options.Settings;
        IStrategy strategy = TrainingSetup.StrategyOf(settings, _options.InitialParameters!);
        int observations = _options.FitnessFactory!().ObservationSize;
        ObservationNormalizer normalizer = TrainingSetup.NormalizerOf(settings, observations);
        return new Learner(strategy, normalizer, settings.Run.Seed, normalizer.Enabled ? settings.Normalization.SampleProbability : 0.0, settings.Strategy.EpisodesPerCandidate,
            settings.Evaluation.Every, settings.Evaluation.Episodes);
    }

    /// <summary>The aggregator's learner: generation 0, or the resumed state.</summary>
    public Learner CreateLeadLearner()
    {
        Learner learner = CreateLearner();
        if (_resume is not null) learner.Restore(_resume);
        return learner;
    }

    /// <summary>A fresh evaluator (one per actor, rebuilt on restart).</summary>
    public PairEvaluator CreateEvaluator()
    {
        if (_setup is not null) return _setup.CreateEvaluator();
        return new PairEvaluator(_options.FitnessFactory!());
    }

    /// <summary>The stop rule, with the goal streak of the resumed checkpoint.</summary>
    public StopRule CreateStopRule() => new(_options.Settings.Run) { Streak = _resume?.GoalStreak ?? 0 };
}
