// Acrobot-v1 lanes in one object, each RK4 stage's sines and cosines for all lanes before their arithmetic.
namespace Es.Core.Environments;

using Es.Core.Numerics;
using Es.Core.Random;

/// <summary>
/// <see cref="ILockstepEnvironment"/> of Acrobot-v1: every lane is <see cref="AcrobotEnvironment"/>
/// bit for bit (its own derivative, wrap and clamp, called per lane), stepped one RK4 stage at a
/// time across all lanes.
/// </summary>
/// <remarks>
/// Why by stages: a step takes sixteen sines and cosines (four derivative evaluations, the
/// termination test and the observation). Each stage takes them for all lanes at once with
/// <see cref="LibmSinCos"/> (libm's bits, in vectors) and then does all lanes' arithmetic. Called
/// per lane, glibc's sin and cos also waited for every earlier floating-point operation (they
/// start by reading the control register), so no lane's work overlapped another's.
/// </remarks>
public sealed class AcrobotLanes : ILockstepEnvironment
{
    private readonly double[] _state;
    private readonly int[] _elapsed;
    private readonly double[] _torque;
    private readonly double[] _y;
    private readonly double[] _input;
    private readonly double[][] _k;
    private readonly double[] _angles;
    private readonly double[] _sines;
    private readonly double[] _cosines;

    /// <summary>Creates <paramref name="lanes"/> lanes; reset each before stepping it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is below 1.</exception>
    public AcrobotLanes(int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        Spec = AcrobotEnvironment.CreateSpec();
        _state = new double[4 * lanes];
        _elapsed = new int[lanes];
        _torque = new double[lanes];
        _y = new double[4 * lanes];
        _input = new double[4 * lanes];
        _k = [new double[4 * lanes], new double[4 * lanes], new double[4 * lanes], new double[4 * lanes]];
        _angles = new double[3 * lanes];
        _sines = new double[3 * lanes];
        _cosines = new double[3 * lanes];
    }

    /// <inheritdoc/>
    public EnvironmentSpec Spec { get; }

    /// <inheritdoc/>
    public int Lanes => _elapsed.Length;

    /// <inheritdoc/>
    public void Reset(int lane, ulong seed, Span<float> observations, int stride)
    {
        var rng = new Rng(seed);
        AcrobotEnvironment.InitialState(ref rng, _state.AsSpan(4 * lane, 4));
        _elapsed[lane] = 0;
        AcrobotEnvironment.Observe(_state.AsSpan(4 * lane, 4), ref observations[lane], stride);
    }

    /// <inheritdoc/>
    public void Step(int count, ReadOnlySpan<float> actions, Span<float> observations, int stride, Span<StepResult> results)
    {
        if ((uint)count > (uint)_elapsed.Length || (uint)count > (uint)actions.Length || (uint)count > (uint)results.Length || observations.Length < 5 * stride + count)
            throw new ArgumentException($"{count} lanes do not fit the buffers.", nameof(count));
        // Every action checked first, in lane order, with the one-episode step's message, so a
        // refused action leaves every lane as it was.
        for (int k = 0; k < count; k++)
            _torque[k] = ActionChecks.DiscreteIndex(actions.Slice(k, 1), 3, AcrobotEnvironment.EnvironmentId) - 1.0;
        Array.Copy(_state, _y, 4 * count);

        // RK4 as AcrobotEnvironment.Advance: k1 at y, k2 at y + dt/2·k1, k3 at y + dt/2·k2, k4 at y + dt·k3.
        const double dt2 = AcrobotEnvironment.Dt / 2;
        Derivatives(count, _y, _k[0]);
        Shift(count, dt2, _k[0]);
        Derivatives(count, _input, _k[1]);
        Shift(count, dt2, _k[1]);
        Derivatives(count, _input, _k[2]);
        Shift(count, AcrobotEnvironment.Dt, _k[2]);
        Derivatives(count, _input, _k[3]);
        double[] k1 = _k[0], k2 = _k[1], k3 = _k[2], k4 = _k[3];
        for (int k = 0; k < count; k++)
        {
            Span<double> y = _y.AsSpan(4 * k, 4);
            for (int i = 0, j = 4 * k; i < 4; i++, j++)
                y[i] = y[i] + AcrobotEnvironment.Dt / 6.0 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
            AcrobotEnvironment.Bound(y, _state.AsSpan(4 * k, 4));
        }

        // The termination test's two cosines for all lanes, then the test.
        for (int k = 0; k < count; k++)
        {
            _angles[k] = _state[4 * k];
            _angles[count + k] = _state[4 * k + 1] + _state[4 * k];
        }
        LibmSinCos.SinCos(_angles.AsSpan(0, 2 * count), _sines, _cosines);
        int limit = Spec.MaxEpisodeSteps;
        for (int k = 0; k < count; k++)
        {
            bool terminated = AcrobotEnvironment.Terminated(_cosines[k], _cosines[count + k]);
            int elapsed = ++_elapsed[k];
            results[k] = new StepResult(terminated ? 0.0 : -1.0, terminated, elapsed >= limit);
        }

        // The observations' sines and cosines for all lanes (θ1's are the termination test's), then the observations.
        for (int k = 0; k < count; k++) _angles[count + k] = _state[4 * k + 1];
        LibmSinCos.SinCos(_angles.AsSpan(count, count), _sines.AsSpan(count), _cosines.AsSpan(count));
        for (int k = 0; k < count; k++)
            AcrobotEnvironment.Observe(_state.AsSpan(4 * k, 4), _sines[k], _cosines[k], _sines[count + k], _cosines[count + k], ref observations[k], stride);
    }

    /// <inheritdoc/>
    public void Move(int from, int to)
    {
        _state.AsSpan(4 * from, 4).CopyTo(_state.AsSpan(4 * to, 4));
        _elapsed[to] = _elapsed[from];
    }

    // The derivative at each lane's point of `points` into `result`: all lanes' sines and cosines
    // first (sin θ2, cos θ2, cos(θ1 + θ2 − π/2), cos(θ1 − π/2)), then all lanes' arithmetic.
    private void Derivatives(int count, double[] points, double[] result)
    {
        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<double> p = points.AsSpan(4 * k, 4);
            _angles[k] = p[1];
            _angles[count + k] = AcrobotEnvironment.Phi2Angle(p);
            _angles[2 * count + k] = AcrobotEnvironment.Phi1Angle(p);
        }
        LibmSinCos.SinCos(_angles.AsSpan(0, 3 * count), _sines, _cosines);
        for (int k = 0; k < count; k++)
            AcrobotEnvironment.Derivative(points.AsSpan(4 * k, 4), _torque[k], _sines[k], _cosines[k], _cosines[count + k], _cosines[2 * count + k], result.AsSpan(4 * k, 4));
    }

    // The next stage's points: y + h·kPrevious for every lane.
    private void Shift(int count, double h, double[] previous)
    {
        for (int j = 0; j < 4 * count; j++) _input[j] = _y[j] + h * previous[j];
    }
}
