// Typed es.strategy: which strategy, the settings strategies share, and each strategy's own block.
namespace Es.Core.Configuration;
using Es.Core.Strategies;

/// <summary>The evolution strategy (<c>es.strategy</c>). Null (0 for the population) means the chosen strategy's own default.</summary>
/// <param name="Name">Strategy name, one of <see cref="KnownNames"/> (<c>name</c>).</param>
/// <param name="Population">Evaluations per generation, 0 = the strategy's default; 2 x pairs when mirrored (<c>population</c>).</param>
/// <param name="Sigma">Perturbation std, fixed or initial (<c>sigma</c>).</param>
/// <param name="Mirrored">Antithetic pairs on the same environment seed (<c>mirrored</c>).</param>
/// <param name="FitnessShaping">Return-to-weight transform (<c>fitness-shaping</c>).</param>
/// <param name="WeightDecay">L2 coefficient added to the gradient (<c>weight-decay</c>).</param>
/// <param name="EpisodesPerCandidate">Episodes averaged per perturbation (<c>episodes-per-candidate</c>).</param>
/// <param name="Optimizer">The optimizer (<c>optimizer</c>).</param>
/// <param name="Blocks">Each strategy's own options (<c>pepg</c>, <c>snes</c>, <c>ars</c>, <c>cma-es</c>, <c>simple-ga</c>, <c>simple-gaussian</c>).</param>
public sealed record StrategySettings(
    string Name,
    int Population,
    double? Sigma,
    bool? Mirrored,
    FitnessShapingKind FitnessShaping,
    double? WeightDecay,
    int EpisodesPerCandidate,
    OptimizerSettings Optimizer,
    StrategyBlocks Blocks)
{
    /// <summary>The names es.strategy.name accepts, for commands that take strategy names themselves.</summary>
    public static IReadOnlyList<string> KnownNames => SettingsNames.Strategies;

    /// <summary>
    /// Whether the strategy steps along an estimated gradient with es.strategy.optimizer (and reads
    /// fitness-shaping and weight-decay): openai-es and pepg. Callers that write settings for any
    /// strategy name the optimizer only for these (a key without effect is refused).
    /// </summary>
    public static bool HasOptimizer(string name) => name is "openai-es" or "pepg";

    /// <summary>The per-strategy blocks under es.strategy (every ARS variant shares <c>ars</c>).</summary>
    public static IReadOnlySet<string> BlockNames { get; } = new HashSet<string>(["pepg", "snes", "ars", "cma-es", "simple-ga", "simple-gaussian"], StringComparer.Ordinal);

    /// <summary>The message for an unknown strategy name: a near miss when there is one, and the allowed names.</summary>
    public static string Unknown(string name) => SettingsNames.UnknownValue(name, SettingsNames.Strategies);
}
