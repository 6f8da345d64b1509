// The static description of an environment: its id, spaces and episode limit.
namespace Es.Core.Environments;

/// <summary>What a policy and a rollout need to know about an environment before running it.</summary>
/// <param name="Id">Registry id, for example "CartPole-v1".</param>
/// <param name="ObservationSpace">Shape and bounds of observations.</param>
/// <param name="ActionSpace">Discrete or box actions.</param>
/// <param name="MaxEpisodeSteps">Step at which the episode is truncated.</param>
public sealed record EnvironmentSpec(string Id, BoxSpace ObservationSpace, Space ActionSpace, int MaxEpisodeSteps)
{
    /// <summary>Length of the flat observation vector.</summary>
    public int ObservationSize => ObservationSpace.FlatSize;

    /// <summary>Length of the flat action buffer (1 for a discrete action).</summary>
    public int ActionSize => ActionSpace.FlatSize;
}
