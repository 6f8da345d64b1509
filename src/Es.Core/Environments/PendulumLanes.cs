// Pendulum-v1 lanes in one object: no per-step calls through the environment interface.
namespace Es.Core.Environments;

using Es.Core.Random;

/// <summary>
/// <see cref="ILockstepEnvironment"/> of Pendulum-v1: the lanes' states live in one array and are
/// advanced and observed by <see cref="PendulumEnvironment"/>'s own static code (its sin and cos
/// included), so each lane is bit for bit the one-episode environment.
/// </summary>
public sealed class PendulumLanes : ILockstepEnvironment
{
    private readonly double[] _state;
    private readonly int[] _elapsed;

    /// <summary>Creates <paramref name="lanes"/> lanes; reset each before stepping it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is below 1.</exception>
    public PendulumLanes(int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        Spec = PendulumEnvironment.CreateSpec();
        _state = new double[2 * lanes];
        _elapsed = new int[lanes];
    }

    /// <inheritdoc/>
    public EnvironmentSpec Spec { get; }

    /// <inheritdoc/>
    public int Lanes => _elapsed.Length;

    /// <inheritdoc/>
    public void Reset(int lane, ulong seed, Span<float> observations, int stride)
    {
        var rng = new Rng(seed);
        PendulumEnvironment.InitialState(ref rng, _state.AsSpan(2 * lane, 2));
        _elapsed[lane] = 0;
        PendulumEnvironment.Observe(_state.AsSpan(2 * lane, 2), observations[lane..], stride);
    }

    /// <inheritdoc/>
    public void Step(int count, ReadOnlySpan<float> actions, Span<float> observations, int stride, Span<StepResult> results)
    {
        int limit = Spec.MaxEpisodeSteps;
        for (int k = 0; k < count; k++)
        {
            Span<double> s = _state.AsSpan(2 * k, 2);
            (double reward, bool terminated) = PendulumEnvironment.Advance(s, actions.Slice(k, 1));
            int elapsed = ++_elapsed[k];
            PendulumEnvironment.Observe(s, observations[k..], stride);
            results[k] = new StepResult(reward, terminated, elapsed >= limit);
        }
    }

    /// <inheritdoc/>
    public void Move(int from, int to)
    {
        _state.AsSpan(2 * from, 2).CopyTo(_state.AsSpan(2 * to, 2));
        _elapsed[to] = _elapsed[from];
    }
}
