// Everything a strategy needs to continue exactly, for checkpoints and late-joining replicas.
using Es.Core.Optimizers;

namespace Es.Core.Strategies;

/// <summary>A strategy's full state: checkpointing it and loading it back continues the run bit for bit.</summary>
/// <param name="Name">Strategy name, for example "openai-es".</param>
/// <param name="Generation">The next generation to ask for.</param>
/// <param name="Center">θ: the parameters the strategy currently proposes.</param>
/// <param name="Optimizer">Optimizer state, when the strategy has one.</param>
/// <param name="Extra">The strategy's own state beyond θ, in a layout it defines and documents (CMA-ES's covariance and paths, PEPG's σ, the GA's elites); null when it has none.</param>
public sealed record StrategyState(string Name, long Generation, float[] Center, OptimizerState? Optimizer, double[]? Extra = null);
