// Typed es.strategy: the evolution strategy and its optimizer.
namespace Es.Core.Configuration;
using Es.Core.Strategies;

/// <summary>The evolution strategy (<c>es.strategy</c>).</summary>
/// <param name="Name">Strategy name; only <c>openai-es</c> for now (<c>name</c>).</param>
/// <param name="Population">Evaluations per generation; 2 x pairs when mirrored (<c>population</c>).</param>
/// <param name="Sigma">Perturbation std (<c>sigma</c>).</param>
/// <param name="Mirrored">Antithetic pairs on the same environment seed (<c>mirrored</c>).</param>
/// <param name="FitnessShaping">Return-to-weight transform (<c>fitness-shaping</c>).</param>
/// <param name="WeightDecay">L2 coefficient added to the gradient (<c>weight-decay</c>).</param>
/// <param name="EpisodesPerCandidate">Episodes averaged per perturbation (<c>episodes-per-candidate</c>).</param>
/// <param name="Optimizer">The optimizer (<c>optimizer</c>).</param>
public sealed record StrategySettings(
    string Name,
    int Population,
    double Sigma,
    bool Mirrored,
    FitnessShapingKind FitnessShaping,
    double WeightDecay,
    int EpisodesPerCandidate,
    OptimizerSettings Optimizer)
{
    /// <summary>The names es.strategy.name accepts, for commands that take strategy names themselves.</summary>
    public static IReadOnlyList<string> KnownNames => SettingsNames.Strategies;

    /// <summary>The message for an unknown strategy name: a near miss when there is one, and the allowed names.</summary>
    public static string Unknown(string name) => SettingsNames.UnknownValue(name, SettingsNames.Strategies);
}
