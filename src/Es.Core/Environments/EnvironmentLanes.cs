// Lanes of any environment: one IEnvironment instance per lane, stepped one after the other.
namespace Es.Core.Environments;

/// <summary>
/// The <see cref="ILockstepEnvironment"/> of an environment without a lanes implementation of its
/// own (MuJoCo, the arm, the user's): one instance per lane, each stepped by its own
/// <see cref="IEnvironment.Step"/>, so every lane is that environment's episode by construction.
/// </summary>
public sealed class EnvironmentLanes : ILockstepEnvironment
{
    private readonly IEnvironment[] _environments;
    private readonly float[][] _observations;

    /// <summary>Builds <paramref name="lanes"/> instances with <paramref name="factory"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The factory built environments of different ids.</exception>
    public EnvironmentLanes(Func<IEnvironment> factory, int lanes)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _environments = new IEnvironment[lanes];
        for (int k = 0; k < lanes; k++)
        {
            _environments[k] = factory();
            if (_environments[k].Spec.Id != _environments[0].Spec.Id)
                throw new ArgumentException($"the factory built {_environments[k].Spec.Id} after {_environments[0].Spec.Id}.", nameof(factory));
        }
        Spec = _environments[0].Spec;
        _observations = Enumerable.Range(0, lanes).Select(_ => new float[Spec.ObservationSize]).ToArray();
    }

    /// <inheritdoc/>
    public EnvironmentSpec Spec { get; }

    /// <inheritdoc/>
    public int Lanes => _environments.Length;

    /// <inheritdoc/>
    public void Reset(int lane, ulong seed, Span<float> observations, int stride)
    {
        _environments[lane].Reset(seed, _observations[lane]);
        Scatter(lane, observations, stride);
    }

    /// <inheritdoc/>
    public void Step(int count, ReadOnlySpan<float> actions, Span<float> observations, int stride, Span<StepResult> results)
    {
        int size = Spec.ActionSize;
        for (int k = 0; k < count; k++)
        {
            results[k] = _environments[k].Step(actions.Slice(k * size, size), _observations[k]);
            Scatter(k, observations, stride);
        }
    }

    /// <inheritdoc/>
    public void Move(int from, int to)
    {
        (_environments[to], _environments[from]) = (_environments[from], _environments[to]);
        (_observations[to], _observations[from]) = (_observations[from], _observations[to]);
    }

    private void Scatter(int lane, Span<float> observations, int stride)
    {
        float[] observation = _observations[lane];
        for (int c = 0; c < observation.Length; c++) observations[c * stride + lane] = observation[c];
    }
}
