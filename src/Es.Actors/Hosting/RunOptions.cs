// What a caller decides about a run besides its settings: where files go, how many evaluators, what to resume.
using Es.Core.Configuration;

namespace Es.Actors.Hosting;

/// <summary>How to run a training job.</summary>
/// <param name="Settings">The validated settings.</param>
public sealed record RunOptions(EsSettings Settings)
{
    /// <summary>Directory for config.conf, metrics.jsonl and checkpoints; null writes nothing.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>Evaluators in the local rollout pool (0 = one per core).</summary>
    public int Evaluators { get; init; }

    /// <summary>Checkpoint to resume from, or null to start at generation 0.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Receives progress; null for none.</summary>
    public IRunObserver? Observer { get; init; }

    /// <summary>A task without a result after this long is issued again.</summary>
    public TimeSpan TaskTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Times an evaluator may fail within <see cref="EvaluatorRetryWindow"/> before it is stopped.</summary>
    public int EvaluatorMaxRetries { get; init; } = 10;

    /// <summary>The window of <see cref="EvaluatorMaxRetries"/>.</summary>
    public TimeSpan EvaluatorRetryWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Builds the fitness function of each evaluator; null uses the settings' task. Lets library users plug in their own reward function.</summary>
    public Func<Es.Core.Evaluation.IFitnessFunction>? FitnessFactory { get; init; }

    /// <summary>Fraction of a generation's tasks after which it completes (1 = all, exact; below 1 trades exactness for speed).</summary>
    public double StragglerCutoff { get; init; } = 1.0;

    /// <summary>Initial parameters; null uses the policy's initialization.</summary>
    public float[]? InitialParameters { get; init; }
}
