// Many episodes of one environment kept side by side, for lockstep rollouts.
namespace Es.Core.Environments;

/// <summary>
/// Lanes of one environment, each an independent episode, whose observations are written
/// component-major (component <c>c</c> of lane <c>k</c> at <c>c·stride + k</c>) so a lockstep
/// rollout normalizes and feeds them to the policy without gathering. Each lane computes exactly
/// what one <see cref="IEnvironment"/> episode computes from the same seed and actions.
/// </summary>
public interface ILockstepEnvironment
{
    /// <summary>Id, spaces and step limit (the one-episode environment's).</summary>
    EnvironmentSpec Spec { get; }

    /// <summary>Number of lanes.</summary>
    int Lanes { get; }

    /// <summary>Starts a new episode in lane <paramref name="lane"/> from <paramref name="seed"/>, writing its first observation.</summary>
    /// <param name="lane">The lane.</param>
    /// <param name="seed">Reset seed, as <see cref="IEnvironment.Reset"/>.</param>
    /// <param name="observations">Component-major observations of all lanes.</param>
    /// <param name="stride">Floats between one component's lane 0 and the next component's.</param>
    void Reset(int lane, ulong seed, Span<float> observations, int stride);

    /// <summary>Steps lanes 0 to <paramref name="count"/> − 1, lane <c>k</c> with its action at <c>k·ActionSize</c> of <paramref name="actions"/>.</summary>
    /// <param name="count">Lanes to step, from lane 0.</param>
    /// <param name="actions">Flat actions, <see cref="EnvironmentSpec.ActionSize"/> per lane.</param>
    /// <param name="observations">Receives each stepped lane's next observation, component-major.</param>
    /// <param name="stride">Floats between one component's lane 0 and the next component's.</param>
    /// <param name="results">Receives each stepped lane's reward and end flags.</param>
    void Step(int count, ReadOnlySpan<float> actions, Span<float> observations, int stride, Span<StepResult> results);

    /// <summary>Moves lane <paramref name="from"/>'s episode into lane <paramref name="to"/> (whose episode is dropped).</summary>
    void Move(int from, int to);
}
