// Pendulum-v1 lanes in one object: no per-step calls through the environment interface.
namespace Es.Core.Environments;

using System.Runtime.Intrinsics;
using Es.Core.Numerics;
using Es.Core.Random;

/// <summary>
/// <see cref="ILockstepEnvironment"/> of Pendulum-v1: the lanes' states live in one array and are
/// advanced and observed by <see cref="PendulumEnvironment"/>'s own static code (its sin and cos
/// included), so each lane is bit for bit the one-episode environment.
/// </summary>
/// <remarks>
/// A lane's state is θ, θ̇ and sin θ: the observation's sin θ is the next step's sin θ, so a step
/// takes one sine and cosine of the new θ, all lanes' at once with libm's bits
/// (<see cref="LibmSinCos"/>). The lanes' arithmetic and observations are
/// <see cref="PendulumEnvironment"/>'s own code, called without a span per lane.
/// </remarks>
public sealed class PendulumLanes : ILockstepEnvironment
{
    // Structure of arrays: lane k's θ, θ̇ and sin θ.
    private readonly double[] _theta;
    private readonly double[] _thetaDot;
    private readonly double[] _sinTheta;
    private readonly double[] _cosTheta;
    private readonly int[] _elapsed;

    /// <summary>Creates <paramref name="lanes"/> lanes; reset each before stepping it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is below 1.</exception>
    public PendulumLanes(int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        Spec = PendulumEnvironment.CreateSpec();
        _theta = new double[lanes];
        _thetaDot = new double[lanes];
        _sinTheta = new double[lanes];
        _cosTheta = new double[lanes];
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
        Span<double> s = stackalloc double[2];
        PendulumEnvironment.InitialState(ref rng, s);
        _theta[lane] = s[0];
        _thetaDot[lane] = s[1];
        _elapsed[lane] = 0;
        _sinTheta[lane] = PendulumEnvironment.Observe(s, observations[lane..], stride);
    }

    /// <inheritdoc/>
    public void Step(int count, ReadOnlySpan<float> actions, Span<float> observations, int stride, Span<StepResult> results)
    {
        int limit = Spec.MaxEpisodeSteps;
        // Checked for all lanes first, in lane order, with the one-episode step's message; then
        // the lanes' arithmetic runs without a call or a span per lane.
        for (int lane = 0; lane < count; lane++) ActionChecks.Continuous(actions.Slice(lane, 1), 0, PendulumEnvironment.EnvironmentId);
        double[] theta = _theta, thetaDot = _thetaDot, sinTheta = _sinTheta;
        int[] elapsed = _elapsed;
        if ((uint)count > (uint)theta.Length || (uint)count > (uint)actions.Length || (uint)count > (uint)results.Length || observations.Length < 2 * stride + count)
            throw new ArgumentException($"{count} lanes do not fit the buffers.", nameof(count));
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Four lanes a vector (the same bits as the scalar step below); a vector with an
            // angle beyond the exact remainder's range leaves its lanes to the scalar step.
            for (; k + 4 <= count; k += 4)
            {
                var th = Vector256.Create(theta.AsSpan(k, 4));
                var thdot = Vector256.Create(thetaDot.AsSpan(k, 4));
                var torque = Vector256.WidenLower(Vector256.Create(Vector128.Create(actions.Slice(k, 4)), Vector128<float>.Zero));
                if (!PendulumEnvironment.TryAdvance(ref th, ref thdot, Vector256.Create(sinTheta.AsSpan(k, 4)), torque, out var reward)) break;
                th.CopyTo(theta.AsSpan(k, 4));
                thdot.CopyTo(thetaDot.AsSpan(k, 4));
                for (int i = 0; i < 4; i++)
                {
                    int steps = ++elapsed[k + i];
                    results[k + i] = new StepResult(reward[i], false, steps >= limit);
                }
            }
        }
        for (; k < count; k++)
        {
            double reward = PendulumEnvironment.Advance(ref theta[k], ref thetaDot[k], sinTheta[k], actions[k]);
            int steps = ++elapsed[k];
            results[k] = new StepResult(reward, false, steps >= limit);
        }
        // Every lane's sine and cosine at once, with libm's bits (LibmSinCos).
        double[] cosTheta = _cosTheta;
        LibmSinCos.SinCos(theta.AsSpan(0, count), sinTheta, cosTheta);
        int first = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Eight lanes' rows in one store each (PendulumEnvironment.Observe's casts, eight at a
            // time): the normalizer reads eight lanes a load, which eight one-float stores cannot
            // forward to it.
            for (; first + 8 <= count; first += 8)
            {
                Narrow8(cosTheta, first).CopyTo(observations.Slice(first, 8));
                Narrow8(sinTheta, first).CopyTo(observations.Slice(stride + first, 8));
                Narrow8(thetaDot, first).CopyTo(observations.Slice(2 * stride + first, 8));
            }
        }
        for (int lane = first; lane < count; lane++) PendulumEnvironment.Observe(sinTheta[lane], cosTheta[lane], thetaDot[lane], ref observations[lane], stride);
    }

    // Eight doubles from `first` on, each rounded to float.
    private static Vector256<float> Narrow8(double[] values, int first) =>
        Vector256.Narrow(Vector256.Create(values.AsSpan(first, 4)), Vector256.Create(values.AsSpan(first + 4, 4)));

    /// <inheritdoc/>
    public void Move(int from, int to)
    {
        _theta[to] = _theta[from];
        _thetaDot[to] = _thetaDot[from];
        _sinTheta[to] = _sinTheta[from];
        _elapsed[to] = _elapsed[from];
    }
}
