// What one environment step reports besides the observation.
namespace Es.Core.Environments;

/// <summary>The reward of a step and whether the episode ended, in Gymnasium's two-flag form.</summary>
/// <param name="Reward">Reward of this step.</param>
/// <param name="Terminated">The environment's own end condition was reached.</param>
/// <param name="Truncated">The step limit was reached (Gymnasium's TimeLimit); both flags may be set.</param>
public readonly record struct StepResult(double Reward, bool Terminated, bool Truncated)
{
    /// <summary>True when the episode is over for either reason.</summary>
    public bool Done => Terminated || Truncated;
}
