// The few-lines library entry point: evolve a float[] against a reward function, or a policy in an environment.
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Evaluation;
using Es.Core.Policies;
using Es.Core.Runs;

namespace Es.Actors.Library;

/// <summary>
/// Trains with OpenAI-ES on the same actors as <c>es train</c>, in the shape of PyTorch-ES's
/// <c>EvolutionModule</c>: parameters, a reward function, population size, σ, learning rate, a
/// reward goal with consecutive-goal stopping, threads and a save path. The run is exactly
/// reproducible from <see cref="Seed"/>.
/// </summary>
/// <example>
/// <code>
/// var es = new EvolutionModule(new float[3], x => -(Math.Pow(x[0] - 0.5, 2) + Math.Pow(x[1] - 0.1, 2) + Math.Pow(x[2] + 0.3, 2)))
/// {
///     PopulationSize = 50, Sigma = 0.05, LearningRate = 0.01, RewardGoal = -1e-4,
/// };
/// RunOutcome outcome = await es.RunAsync(generations: 500);
/// float[] best = es.Parameters;
/// </code>
/// </example>
public sealed class EvolutionModule
{
    private readonly Func<IFitnessFunction> _fitness;

    /// <summary>Evolves <paramref name="parameters"/> to maximize <paramref name="reward"/>.</summary>
    /// <param name="parameters">Initial parameters (copied).</param>
    /// <param name="reward">Scores a parameter vector; higher is better. Called from several threads at once, each with its own array.</param>
    public EvolutionModule(float[] parameters, Func<float[], double> reward)
    {
        if (parameters.Length == 0) throw new ArgumentException("there are no parameters to evolve.", nameof(parameters));
        Parameters = (float[])parameters.Clone();
        int dimension = parameters.Length;
        _fitness = () => new DelegateFitness(dimension, reward);
    }

    /// <summary>Evolves a policy in an environment; the reward is the episode return.</summary>
    /// <param name="environment">Builds an environment instance (one per evaluator).</param>
    /// <param name="policy">The policy architecture.</param>
    /// <param name="seed">Seed of the policy's initialization and of the run.</param>
    public EvolutionModule(Func<IEnvironment> environment, PolicySpec policy, ulong seed = 1)
    {
        EnvironmentSpec spec = environment().Spec;
        var initial = new Policy(policy, spec);
        Parameters = new float[initial.ParameterCount];
        initial.Initialize(Parameters, seed);
        Seed = seed;
        _fitness = () =>
        {
            IEnvironment env = environment();
            return new EpisodeFitness(env, new Policy(policy, env.Spec));
        };
        Normalize = true;
    }

    /// <summary>The current parameters: the initial ones, then the result of the last run.</summary>
    public float[] Parameters { get; private set; }

    /// <summary>The strategy, by its configuration name (es.strategy.name): openai-es (default), pepg, snes, ars-v2t, cma-es, simple-ga, simple-gaussian, ... (docs/strategies.md).</summary>
    public string Strategy { get; init; } = "openai-es";

    /// <summary>Evaluations per generation (even for mirrored strategies); 0 = the strategy's default.</summary>
    public int PopulationSize { get; init; } = 50;

    /// <summary>Perturbation standard deviation σ (the initial one for strategies that adapt it).</summary>
    public double Sigma { get; init; } = 0.1;

    /// <summary>Adam's step size (OpenAI-ES, PEPG).</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>L2 coefficient (0 by default here: a generic reward function has no reason to prefer small weights).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Stop when the reward of the parameters reaches this value ...</summary>
    public double? RewardGoal { get; init; }

    /// <summary>... in this many consecutive evaluations.</summary>
    public int ConsecutiveGoalStopping { get; init; } = 1;

    /// <summary>Evaluators running side by side (0 = one per core).</summary>
    public int Threads { get; init; }

    /// <summary>Directory for metrics and checkpoints; null writes nothing.</summary>
    public string? SavePath { get; init; }

    /// <summary>Run seed: every random draw derives from it.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Normalize observations (environment runs only).</summary>
    public bool Normalize { get; init; }

    /// <summary>Called after every generation.</summary>
    public Action<GenerationMetrics>? OnGeneration { get; init; }

    /// <summary>Runs at most <paramref name="generations"/> generations (fewer if the goal is reached) and updates <see cref="Parameters"/>.</summary>
    /// <exception cref="ConfigException">A hyper-parameter is invalid (the message names it).</exception>
    public async Task<RunOutcome> RunAsync(int generations, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(generations, 1);
        EsSettings d = EsSettings.Default;
        EsSettings settings = d with
        {
            Run = d.Run with { Seed = Seed, MaxGenerations = generations, GoalReturn = RewardGoal, GoalConsecutive = ConsecutiveGoalStopping },
            Strategy = d.Strategy with
            {
                Name = Strategy,
                Population = PopulationSize,
                Sigma = Sigma,
                WeightDecay = WeightDecay,
                Optimizer = d.Strategy.Optimizer with { LearningRate = LearningRate },
            },
            Noise = d.Noise with { Size = Math.Max(1 << 20, 4 * Parameters.Length) },
            Normalization = d.Normalization with { Enabled = Normalize },
            Evaluation = d.Evaluation with { Every = 1, Episodes = RewardGoal is null ? 1 : Math.Max(1, d.Evaluation.Episodes) },
            Checkpoint = d.Checkpoint with { Every = SavePath is null ? 0 : d.Checkpoint.Every },
        };
        SettingsValidator.Validate(settings);
        var options = new RunOptions(settings)
        {
            FitnessFactory = _fitness,
            InitialParameters = Parameters,
            Evaluators = Threads,
            RunDirectory = SavePath,
            Observer = OnGeneration is null ? null : new CallbackObserver(OnGeneration),
        };
        RunOutcome outcome = await SingleProcessRun.RunAsync(options, cancellation).ConfigureAwait(false);
        if (outcome.Parameters.Length == Parameters.Length) Parameters = outcome.Parameters;
        return outcome;
    }

    private sealed class CallbackObserver(Action<GenerationMetrics> callback) : IRunObserver
    {
        public void OnGeneration(GenerationMetrics metrics) => callback(metrics);

        public void OnEvent(string message)
        {
        }
    }
}
