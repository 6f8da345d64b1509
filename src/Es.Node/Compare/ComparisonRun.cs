// What one (strategy, seed) run of `es compare` produced: the figures its table row shows.
using Es.Core.Training;

namespace Es.Node.Compare;

/// <summary>One finished run of a comparison.</summary>
/// <param name="Strategy">The strategy name (es.strategy.name).</param>
/// <param name="Seed">The run seed (es.run.seed).</param>
/// <param name="Reason">Why it stopped.</param>
/// <param name="Generations">Generations completed.</param>
/// <param name="Timesteps">Training environment steps taken.</param>
/// <param name="FinalReturn">The last evaluation return of the run's θ (NaN when it never evaluated).</param>
/// <param name="BestReturn">The best evaluation return seen (NaN when it never evaluated).</param>
/// <param name="StepsToThreshold">Training steps when an evaluation first reached the threshold, or null.</param>
/// <param name="Seconds">Wall time of the run.</param>
/// <param name="RunDirectory">Where its metrics and checkpoints are.</param>
internal sealed record ComparisonRun(string Strategy, ulong Seed, StopReason Reason, long Generations, long Timesteps, double FinalReturn, double BestReturn,
    long? StepsToThreshold, double Seconds, string RunDirectory);
