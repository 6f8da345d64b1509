// Typed es.run: the seed and the stopping rules of a run.
namespace Es.Core.Configuration;

/// <summary>Run-wide settings (<c>es.run</c>).</summary>
/// <param name="Seed">Seed every random draw of the run derives from (<c>seed</c>).</param>
/// <param name="MaxGenerations">Generation budget, 0 = no limit (<c>max-generations</c>).</param>
/// <param name="MaxTimesteps">Training environment-step budget, 0 = no limit (<c>max-timesteps</c>).</param>
/// <param name="GoalReturn">Stop when the evaluation mean return reaches this; null = no goal (<c>goal-return</c>).</param>
/// <param name="GoalConsecutive">Consecutive evaluations that must reach the goal (<c>goal-consecutive</c>).</param>
public sealed record RunSettings(ulong Seed, long MaxGenerations, long MaxTimesteps, double? GoalReturn, int GoalConsecutive);
