// The figures of one completed generation, as they go into metrics.jsonl.
namespace Es.Core.Training;

/// <summary>What happened in one generation.</summary>
/// <param name="Generation">The generation completed.</param>
/// <param name="Episodes">Training episodes in this generation.</param>
/// <param name="Timesteps">Environment steps in this generation.</param>
/// <param name="TotalEpisodes">Training episodes since the start of the run.</param>
/// <param name="TotalTimesteps">Environment steps since the start of the run.</param>
/// <param name="ReturnMean">Mean fitness of the generation's candidates.</param>
/// <param name="ReturnStd">Standard deviation of those fitnesses.</param>
/// <param name="ReturnMax">Best fitness of the generation.</param>
/// <param name="GradientNorm">‖ĝ‖.</param>
/// <param name="ParameterNorm">‖θ‖ after the update.</param>
/// <param name="UpdateRatio">‖step‖/‖θ‖.</param>
/// <param name="Sigma">The strategy's <see cref="Es.Core.Strategies.IStrategy.MeanSigma"/> the generation's candidates were drawn with (before its update).</param>
/// <param name="NonFinite">Fitnesses that were NaN or infinite and were replaced by the generation's worst.</param>
/// <param name="Evaluation">Evaluation of θ of this generation (before its update), when it was evaluated.</param>
/// <param name="Update">The update to publish.</param>
public sealed record GenerationReport(
    long Generation,
    long Episodes,
    long Timesteps,
    long TotalEpisodes,
    long TotalTimesteps,
    double ReturnMean,
    double ReturnStd,
    double ReturnMax,
    double GradientNorm,
    double ParameterNorm,
    double UpdateRatio,
    double Sigma,
    int NonFinite,
    EvaluationSummary? Evaluation,
    GenerationUpdate Update);
