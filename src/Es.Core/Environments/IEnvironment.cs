// The environment contract every task implements: seeded reset and a step over flat buffers.
namespace Es.Core.Environments;

/// <summary>
/// An episodic task. Implementations are not thread-safe: each evaluator owns its own instance.
/// An episode is a pure function of the reset seed and the actions, so results reproduce
/// bit for bit on any machine.
/// </summary>
public interface IEnvironment
{
    /// <summary>Id, spaces and step limit.</summary>
    EnvironmentSpec Spec { get; }

    /// <summary>Starts a new episode whose initial state is drawn from <paramref name="seed"/> alone.</summary>
    /// <param name="seed">Seed of the initial state.</param>
    /// <param name="observation">Receives the initial observation; length <see cref="EnvironmentSpec.ObservationSize"/>.</param>
    void Reset(ulong seed, Span<float> observation);

    /// <summary>Applies one action and advances the episode.</summary>
    /// <param name="action">Flat action: the index as one float for a discrete space, otherwise one float per component.</param>
    /// <param name="observation">Receives the next observation.</param>
    /// <returns>Reward and end flags; <see cref="StepResult.Truncated"/> is set at <see cref="EnvironmentSpec.MaxEpisodeSteps"/>.</returns>
    StepResult Step(ReadOnlySpan<float> action, Span<float> observation);
}
