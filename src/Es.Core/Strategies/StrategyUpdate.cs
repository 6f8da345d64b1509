// The message that moves a strategy from generation g to g+1, replayable on every replica.
namespace Es.Core.Strategies;

/// <summary>
/// What a strategy's <see cref="IStrategy.Tell"/> decided, in a form small enough to publish to
/// every node: replicas call <see cref="IStrategy.Apply"/> with it and reach the same bits of θ
/// without θ ever being sent.
/// </summary>
/// <param name="Generation">The generation this update completes (θ moves from g to g+1).</param>
public abstract record StrategyUpdate(long Generation);

/// <summary>An OpenAI-ES step: the noise slices and their weights; the gradient is Σ wⱼ εⱼ.</summary>
/// <param name="Generation">The generation this update completes.</param>
/// <param name="NoiseIndices">Start index of each slice, in pair order.</param>
/// <param name="Weights">Weight of each slice, already divided by the population size.</param>
public sealed record NoiseStepUpdate(long Generation, int[] NoiseIndices, float[] Weights) : StrategyUpdate(Generation);

/// <summary>
/// The update of a strategy whose step is cheap to recompute (CMA-ES, PEPG, the genetic algorithm,
/// the hill-climber, ARS): the fitnesses themselves. Every replica holds the same strategy state,
/// so replaying the same fitnesses through the same deterministic code reaches the same bits;
/// the checksum in the generation update catches a replica that did not.
/// </summary>
/// <param name="Generation">The generation this update completes.</param>
/// <param name="Tasks">The completed task indices, ascending (all of them unless a straggler cut-off ended the generation).</param>
/// <param name="Fitness">The candidates' fitnesses in task order, PopulationSize / TaskCount per task.</param>
public sealed record FitnessUpdate(long Generation, int[] Tasks, double[] Fitness) : StrategyUpdate(Generation);
