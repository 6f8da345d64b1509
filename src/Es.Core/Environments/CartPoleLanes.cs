// CartPole-v1 lanes in one object: no per-step calls through the environment interface.
namespace Es.Core.Environments;

using Es.Core.Numerics;
using Es.Core.Random;

/// <summary>
/// <see cref="ILockstepEnvironment"/> of CartPole-v1: the lanes' states live in one array and are
/// advanced by <see cref="CartPoleEnvironment"/>'s own static physics, so each lane is bit for bit
/// the one-episode environment while a step of all lanes costs no interface calls, no buffer
/// checks and no per-lane observation copies.
/// </summary>
public sealed class CartPoleLanes : ILockstepEnvironment
{
    private readonly double[] _state;
    private readonly int?[] _stepsBeyondTerminated;
    private readonly int[] _elapsed;
    private readonly double[] _sin;
    private readonly double[] _cos;

    /// <summary>Creates <paramref name="lanes"/> lanes; reset each before stepping it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is below 1.</exception>
    public CartPoleLanes(int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        Spec = CartPoleEnvironment.CreateSpec();
        _state = new double[4 * lanes];
        _stepsBeyondTerminated = new int?[lanes];
        _elapsed = new int[lanes];
        _sin = new double[lanes];
        _cos = new double[lanes];
    }

    /// <inheritdoc/>
    public EnvironmentSpec Spec { get; }

    /// <inheritdoc/>
    public int Lanes => _elapsed.Length;

    /// <inheritdoc/>
    public void Reset(int lane, ulong seed, Span<float> observations, int stride)
    {
        var rng = new Rng(seed);
        CartPoleEnvironment.InitialState(ref rng, _state.AsSpan(4 * lane, 4));
        _stepsBeyondTerminated[lane] = null;
        _elapsed[lane] = 0;
        Observe(lane, observations, stride);
    }

    /// <inheritdoc/>
    public void Step(int count, ReadOnlySpan<float> actions, Span<float> observations, int stride, Span<StepResult> results)
    {
        int limit = Spec.MaxEpisodeSteps;
        if ((uint)count > (uint)_sin.Length)
            throw new ArgumentException($"{count} lanes; there are {_sin.Length}.", nameof(count));
        // Every lane's sine and cosine first: libm's sincos reads the floating-point control
        // register as it starts, which waits for all earlier floating-point work, so a call between
        // two lanes' physics made each lane wait for the one before. Called back to back, the
        // lanes' physics after them overlap.
        for (int k = 0; k < count; k++) (_sin[k], _cos[k]) = Math.SinCos(_state[4 * k + 2]);
        for (int k = 0; k < count; k++)
        {
            // 0 and 1 are what a policy's head writes, taken without a branch on which (it flips from
            // step to step); anything else takes the one-episode check (and its error).
            float action = actions[k];
            int a = (int)action;
            if ((uint)a > 1 || a != action) a = ActionChecks.DiscreteIndex(actions.Slice(k, 1), 2, CartPoleEnvironment.EnvironmentId);
            (double reward, bool terminated) = CartPoleEnvironment.Advance(_state.AsSpan(4 * k, 4), a, _sin[k], _cos[k], ref _stepsBeyondTerminated[k]);
            int elapsed = ++_elapsed[k];
            Observe(k, observations, stride);
            results[k] = new StepResult(reward, terminated, elapsed >= limit);
        }
    }

    /// <inheritdoc/>
    public void Move(int from, int to)
    {
        _state.AsSpan(4 * from, 4).CopyTo(_state.AsSpan(4 * to, 4));
        _stepsBeyondTerminated[to] = _stepsBeyondTerminated[from];
        _elapsed[to] = _elapsed[from];
    }

    // CartPoleEnvironment.WriteObservation: the state rounded to float.
    private void Observe(int lane, Span<float> observations, int stride)
    {
        ReadOnlySpan<double> s = _state.AsSpan(4 * lane, 4);
        for (int i = 0; i < 4; i++) observations[i * stride + lane] = Conversions.ToSingle(s[i]);
    }
}
