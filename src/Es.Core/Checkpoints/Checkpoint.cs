// Everything needed to resume a run exactly or to evaluate its policy.
using Es.Core.Normalization;
using Es.Core.Strategies;

namespace Es.Core.Checkpoints;

/// <summary>A snapshot of a run after some generation.</summary>
/// <param name="RunSeed">The run seed.</param>
/// <param name="Generation">The next generation to run (generations completed).</param>
/// <param name="EnvironmentId">Environment or test-function id.</param>
/// <param name="Strategy">Strategy state: θ, optimizer, generation.</param>
/// <param name="Normalizer">Observation statistics, or null when the task has none.</param>
/// <param name="Timesteps">Environment steps of training rollouts so far.</param>
/// <param name="Episodes">Training episodes so far.</param>
/// <param name="BestReturn">Best evaluation return so far (NaN when none yet).</param>
/// <param name="Configuration">The resolved configuration, as HOCON text.</param>
/// <param name="GoalStreak">Consecutive evaluations at or above the goal so far, so a resumed run stops where the original would.</param>
/// <param name="ReferenceBatch">The virtual-batch-normalization reference batch (raw observations, one after the other), or null when the policy has none (format version 3).</param>
public sealed record Checkpoint(
    ulong RunSeed,
    long Generation,
    string EnvironmentId,
    StrategyState Strategy,
    ObservationStats? Normalizer,
    long Timesteps,
    long Episodes,
    double BestReturn,
    string Configuration,
    int GoalStreak = 0,
    float[]? ReferenceBatch = null);
