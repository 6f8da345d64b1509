// The message that takes every replica from generation g to g+1: the strategy's update and the statistics delta.
using Es.Core.Normalization;
using Es.Core.Strategies;

namespace Es.Core.Training;

/// <summary>
/// Published by the aggregator after generation g; every replica applies it to reach exactly the
/// aggregator's state. It carries no θ, only what θ's change is computed from, plus a checksum of
/// the resulting θ so a replica can tell that it diverged.
/// </summary>
/// <param name="Strategy">The strategy's update (noise indices and weights for OpenAI-ES).</param>
/// <param name="Statistics">Observation statistics to merge into the normalizer (null when none were collected).</param>
/// <param name="ParameterChecksum">Checksum of θ after the update (<see cref="Numerics.ParameterHash.Checksum"/>).</param>
public sealed record GenerationUpdate(StrategyUpdate Strategy, ObservationStats? Statistics, ulong ParameterChecksum)
{
    /// <summary>The generation this update completes.</summary>
    public long Generation => Strategy.Generation;
}
