// One line of metrics.jsonl: what a generation did, how fast, and how healthy the run is.
using System.Text.Json.Serialization;

namespace Es.Core.Runs;

/// <summary>The metrics of one generation, written as one JSON line to metrics.jsonl and shown by the progress display.</summary>
/// <param name="Generation">The generation completed.</param>
/// <param name="Episodes">Training episodes since the start of the run.</param>
/// <param name="Timesteps">Training environment steps since the start of the run.</param>
/// <param name="ReturnMean">Mean fitness of the generation's candidates.</param>
/// <param name="ReturnStd">Standard deviation of those fitnesses.</param>
/// <param name="ReturnMax">Best fitness of the generation.</param>
/// <param name="EvaluationReturn">Mean evaluation return of θ, when this generation evaluated it.</param>
/// <param name="GradientNorm">‖ĝ‖.</param>
/// <param name="ParameterNorm">‖θ‖ after the update.</param>
/// <param name="UpdateRatio">‖step‖/‖θ‖.</param>
/// <param name="EvaluationsRetried">Evaluations retried in this generation (evaluator restarts and re-issued overdue tasks).</param>
/// <param name="NonFiniteReturns">NaN or infinite fitnesses replaced by the generation's worst.</param>
/// <param name="Evaluators">Evaluators available when the generation completed.</param>
/// <param name="Seconds">Wall time of the generation.</param>
/// <param name="StepsPerSecond">Training environment steps of the generation per second.</param>
/// <param name="StragglerCutoff">True when the generation was finished early at a fraction of its results (exactness traded for speed).</param>
/// <param name="Nodes">Nodes whose heartbeats were alive when the generation completed.</param>
/// <param name="Sigma">
/// The scale of the generation's perturbations (<see cref="Es.Core.Strategies.IStrategy.MeanSigma"/>: σ, the mean σ of a
/// per-parameter strategy, CMA-ES's step size, the GA's mutation σ). Null in metrics written before it was recorded, so old
/// run directories still read.
/// </param>
public sealed record GenerationMetrics(
    [property: JsonPropertyName("generation")] long Generation,
    [property: JsonPropertyName("episodes")] long Episodes,
    [property: JsonPropertyName("timesteps")] long Timesteps,
    [property: JsonPropertyName("return_mean")] double ReturnMean,
    [property: JsonPropertyName("return_std")] double ReturnStd,
    [property: JsonPropertyName("return_max")] double ReturnMax,
    [property: JsonPropertyName("eval_return")] double? EvaluationReturn,
    [property: JsonPropertyName("grad_norm")] double GradientNorm,
    [property: JsonPropertyName("param_norm")] double ParameterNorm,
    [property: JsonPropertyName("update_ratio")] double UpdateRatio,
    [property: JsonPropertyName("evaluations_retried")] int EvaluationsRetried,
    [property: JsonPropertyName("nonfinite_returns")] int NonFiniteReturns,
    [property: JsonPropertyName("evaluators")] int Evaluators,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("steps_per_second")] double StepsPerSecond,
    [property: JsonPropertyName("straggler_cutoff")] bool StragglerCutoff = false,
    [property: JsonPropertyName("nodes")] int Nodes = 0,
    [property: JsonPropertyName("sigma")] double? Sigma = null);
