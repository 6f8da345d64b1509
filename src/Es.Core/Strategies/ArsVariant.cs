// The four versions of Augmented Random Search in Mania, Guy and Recht (2018).
namespace Es.Core.Strategies;

/// <summary>
/// Which ARS of "Simple random search provides a competitive approach to reinforcement learning"
/// (Mania, Guy, Recht, 2018). V2 differs from V1 only in normalizing the policy's input states by
/// their running mean and std; in EsAkka that is the observation normalizer, which the learner
/// owns (es.normalization.enabled), not the strategy, so the variant names what the configuration
/// must set. The "-t" variants step along the top b directions only.
/// </summary>
public enum ArsVariant
{
    /// <summary>"ars-v1": all N directions, raw states (normalization off).</summary>
    V1,

    /// <summary>"ars-v1t": the top b directions, raw states (normalization off).</summary>
    V1T,

    /// <summary>"ars-v2": all N directions, normalized states (normalization on).</summary>
    V2,

    /// <summary>"ars-v2t": the top b directions, normalized states (normalization on); the paper's best performer.</summary>
    V2T,
}
