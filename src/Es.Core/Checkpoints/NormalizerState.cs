// The observation normalizer's statistics as plain arrays, for checkpoints and messages.
namespace Es.Core.Checkpoints;

/// <summary>Running sums behind the observation normalizer; restoring them restores normalization exactly.</summary>
/// <param name="Sum">Σ x per component.</param>
/// <param name="SumSquares">Σ x² per component.</param>
/// <param name="Count">Number of observations (may start at a small ε).</param>
public sealed record NormalizerState(double[] Sum, double[] SumSquares, double Count);
