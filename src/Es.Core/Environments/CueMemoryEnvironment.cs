// A task that needs memory: a cue shown at the first step decides which action is rewarded many steps later.
namespace Es.Core.Environments;

using Es.Core.Random;

/// <summary>
/// <c>CueMemory-v0</c>: the first observation shows a cue (left or right, drawn from the reset
/// seed); the next <see cref="Delay"/> − 1 observations are blank; the observation after that
/// raises a "go" flag, and the action taken then is judged: +1 when it names the cue, −1 when not.
/// Actions before the go step do nothing. A policy without memory cannot beat a mean return of 0;
/// one that keeps the cue for <see cref="Delay"/> steps scores 1.
/// </summary>
/// <remarks>
/// Observation: [cue left, cue right, go], each 0 or 1. Actions: Discrete(2): 0 left, 1 right.
/// Episodes last exactly <see cref="Delay"/> + 1 steps (the go step terminates).
/// State layout: [cue (0 left, 1 right)].
/// </remarks>
public sealed class CueMemoryEnvironment : EnvironmentBase
{
    /// <summary>Registry id.</summary>
    public const string EnvironmentId = "CueMemory-v0";

    /// <summary>Steps between the cue and the go signal.</summary>
    public const int Delay = 20;

    /// <summary>Creates an environment; call <see cref="EnvironmentBase.Reset"/> before stepping.</summary>
    public CueMemoryEnvironment()
        : base(CreateSpec(), 1)
    {
    }

    /// <summary>Box(0, 1, (3,)) observations, 2 actions, <see cref="Delay"/> + 1 steps.</summary>
    public static EnvironmentSpec CreateSpec() => new(EnvironmentId, BoxSpace.Uniform(3, 0f, 1f), new DiscreteSpace(2), Delay + 1);

    /// <inheritdoc/>
    protected override void SampleInitialState(ref Rng rng, Span<double> state) => state[0] = rng.NextInt64(2);

    /// <inheritdoc/>
    protected override (double Reward, bool Terminated) Advance(ReadOnlySpan<float> action)
    {
        int a = ActionChecks.DiscreteIndex(action, 2, EnvironmentId);
        if (ElapsedSteps < Delay) return (0, false);
        if (ElapsedSteps > Delay) return (0, true);
        return (a == (int)State[0] ? 1 : -1, true);
    }

    /// <inheritdoc/>
    protected override void WriteObservation(Span<float> observation)
    {
        observation.Clear();
        if (ElapsedSteps == 0) observation[(int)State[0]] = 1;
        else if (ElapsedSteps == Delay) observation[2] = 1;
    }
}
