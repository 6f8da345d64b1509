// Figures a strategy reports about one update, for the metrics.
namespace Es.Core.Strategies;

/// <summary>Diagnostics of one update.</summary>
/// <param name="GradientNorm">‖ĝ‖ of the fitness-gradient estimate (before weight decay).</param>
/// <param name="ParameterNorm">‖θ‖ after the update.</param>
/// <param name="UpdateRatio">‖step‖ / ‖θ before the step‖.</param>
public readonly record struct TellReport(double GradientNorm, double ParameterNorm, double UpdateRatio);

/// <summary>What <see cref="IStrategy.Tell"/> returns: the update to publish and its diagnostics.</summary>
/// <param name="Update">The replayable update.</param>
/// <param name="Report">Norms and update ratio of the step.</param>
public sealed record TellResult(StrategyUpdate Update, TellReport Report);
