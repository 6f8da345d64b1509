// Arm-v0 lanes in one object: every lane's link sines and cosines at once, then each lane's arithmetic.
namespace Es.Core.Environments;

using Es.Core.Numerics;

/// <summary>
/// <see cref="ILockstepEnvironment"/> of the planar arm: each lane is <see cref="ArmEnvironment"/>
/// bit for bit (its own joint dynamics, fingertip sums, reward and observation code, called per
/// lane), with every lane's sines and cosines taken together by <see cref="LibmSinCos"/> (libm's
/// bits, in vectors): a step's fingertip needs one per link, its observation one per joint.
/// </summary>
/// <remarks>Resets go through one <see cref="ArmEnvironment"/>, whose state the lane then copies.</remarks>
public sealed class ArmLanes : ILockstepEnvironment
{
    private readonly ArmOptions _options;
    private readonly ArmEnvironment _resetter;
    private readonly double[] _lengths;
    private readonly int _n;
    private readonly int _stateSize;
    private readonly double[] _state;
    private readonly int[] _elapsed;
    private readonly double[] _angles;
    private readonly double[] _sines;
    private readonly double[] _cosines;
    private readonly double[] _controlSquared;
    private readonly double[] _clamped;
    private readonly float[] _first;

    /// <summary>Creates <paramref name="lanes"/> lanes of an arm built as <paramref name="options"/> says; reset each before stepping it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is below 1.</exception>
    /// <exception cref="ArgumentException">An option cannot make a working arm.</exception>
    public ArmLanes(ArmOptions options, int lanes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _resetter = new ArmEnvironment(options);
        _options = options;
        _lengths = options.ResolveLinkLengths();
        _n = options.Links;
        _stateSize = _resetter.StateSize;
        Spec = _resetter.Spec;
        _state = new double[_stateSize * lanes];
        _elapsed = new int[lanes];
        _angles = new double[_n * lanes];
        _sines = new double[_n * lanes];
        _cosines = new double[_n * lanes];
        _controlSquared = new double[lanes];
        _clamped = new double[_n * lanes];
        _first = new float[Spec.ObservationSize];
    }

    /// <inheritdoc/>
    public EnvironmentSpec Spec { get; }

    /// <inheritdoc/>
    public int Lanes => _elapsed.Length;

    /// <inheritdoc/>
    public void Reset(int lane, ulong seed, Span<float> observations, int stride)
    {
        _resetter.Reset(seed, _first);
        _resetter.GetState(_state.AsSpan(_stateSize * lane, _stateSize));
        _elapsed[lane] = 0;
        for (int c = 0; c < _first.Length; c++) observations[c * stride + lane] = _first[c];
    }

    /// <inheritdoc/>
    /// <remarks>Every lane's action is checked before any lane moves: a refused action leaves every lane as it was.</remarks>
    public void Step(int count, ReadOnlySpan<float> actions, Span<float> observations, int stride, Span<StepResult> results)
    {
        int n = _n, size = _stateSize;
        if ((uint)count > (uint)_elapsed.Length || actions.Length < count * n || results.Length < count || observations.Length < (3 * n + 3) * stride + count)
            throw new ArgumentException($"{count} lanes do not fit the buffers.", nameof(count));
        for (int k = 0; k < count; k++) ArmEnvironment.ClampAction(actions.Slice(k * n, n), _clamped.AsSpan(k * n, n));
        for (int k = 0; k < count; k++)
            _controlSquared[k] = ArmEnvironment.MoveJoints(_state.AsSpan(size * k, size), _clamped.AsSpan(k * n, n), _options);

        // The fingertip: link i's angle φ_i = φ_{i−1} + q_i for every lane, their sines and cosines at once, then the sums.
        for (int k = 0; k < count; k++)
        {
            double phi = 0.0;
            for (int i = 0; i < n; i++) _angles[i * count + k] = phi = ArmEnvironment.LinkAngle(phi, _state[size * k + i]);
        }
        LibmSinCos.SinCos(_angles.AsSpan(0, n * count), _sines, _cosines);
        int limit = Spec.MaxEpisodeSteps;
        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<double> s = _state.AsSpan(size * k, size);
            double x = 0.0, y = 0.0;
            for (int i = 0; i < n; i++) (x, y) = ArmEnvironment.AddLink(x, y, _lengths[i], _sines[i * count + k], _cosines[i * count + k]);
            results[k] = new StepResult(ArmEnvironment.Reward(s, x, y, _controlSquared[k], _options), false, ++_elapsed[k] >= limit);
            ArmEnvironment.WriteTarget(s, n, x, y, ref observations[k], stride);
        }

        // The observation's joint sines and cosines for every lane at once.
        for (int k = 0; k < count; k++)
        {
            for (int i = 0; i < n; i++) _angles[i * count + k] = _state[size * k + i];
        }
        LibmSinCos.SinCos(_angles.AsSpan(0, n * count), _sines, _cosines);
        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<double> s = _state.AsSpan(size * k, size);
            for (int i = 0; i < n; i++) ArmEnvironment.WriteJoint(s, i, n, _sines[i * count + k], _cosines[i * count + k], ref observations[k], stride);
        }
    }

    /// <summary>Lane <paramref name="lane"/>'s state at full precision, laid out as <see cref="ArmEnvironment"/>'s (tests compare the two).</summary>
    internal void GetState(int lane, Span<double> state) => _state.AsSpan(_stateSize * lane, _stateSize).CopyTo(state);

    /// <inheritdoc/>
    public void Move(int from, int to)
    {
        _state.AsSpan(_stateSize * from, _stateSize).CopyTo(_state.AsSpan(_stateSize * to, _stateSize));
        _elapsed[to] = _elapsed[from];
    }
}
