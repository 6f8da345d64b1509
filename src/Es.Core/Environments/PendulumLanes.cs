// Pendulum-v1 lanes in one object: no per-step calls through the environment interface.
namespace Es.Core.Environments;

using Es.Core.Random;

/// <summary>
/// <see cref="ILockstepEnvironment"/> of Pendulum-v1: the lanes' states live in one array and are
/// advanced and observed by <see cref="PendulumEnvironment"/>'s own static code (its sin and cos
/// included), so each lane is bit for bit the one-episode environment.
/// </summary>
/// <remarks>
/// A lane's state is [θ, θ̇, sin θ]: the observation's sin θ is the next step's sin θ, so a step
/// calls libm twice (sin and cos of the new θ), not three times.
/// </remarks>
public sealed class PendulumLanes : ILockstepEnvironment
{
    private const int Width = 3;

    private readonly double[] _state;
    private readonly int[] _elapsed;

    /// <summary>Creates <paramref name="lanes"/> lanes; reset each before stepping it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is below 1.</exception>
    public PendulumLanes(int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        Spec = PendulumEnvironment.CreateSpec();
        _state = new double[Width * lanes];
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
        Span<double> s = _state.AsSpan(Width * lane, Width);
        PendulumEnvironment.InitialState(ref rng, s[..2]);
        _elapsed[lane] = 0;
        s[2] = PendulumEnvironment.Observe(s[..2], observations[lane..], stride);
    }

    /// <inheritdoc/>
    public void Step(int count, ReadOnlySpan<float> actions, Span<float> observations, int stride, Span<StepResult> results)
    {
        int limit = Spec.MaxEpisodeSteps;
        for (int k = 0; k < count; k++)
        {
            Span<double> s = _state.AsSpan(Width * k, Width);
            (double reward, bool terminated) = PendulumEnvironment.Advance(s[..2], s[2], actions.Slice(k, 1));
            int elapsed = ++_elapsed[k];
            s[2] = PendulumEnvironment.Observe(s[..2], observations[k..], stride);
            results[k] = new StepResult(reward, terminated, elapsed >= limit);
        }
    }

    /// <inheritdoc/>
    public void Move(int from, int to)
    {
        _state.AsSpan(Width * from, Width).CopyTo(_state.AsSpan(Width * to, Width));
        _elapsed[to] = _elapsed[from];
    }
}
