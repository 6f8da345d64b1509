// An environment with some observation components hidden: classic control tasks that need memory.
namespace Es.Core.Environments;

/// <summary>
/// Wraps an environment and shows the policy only some components of its observation, e.g.
/// CartPole's positions without the velocities (<c>CartPole-v1-masked</c>). The dynamics, rewards,
/// termination and limits are the inner environment's, bit for bit; a policy must infer what is
/// hidden from the history, so it needs memory (a recurrent policy).
/// </summary>
public sealed class MaskedEnvironment : IStatefulEnvironment
{
    /// <summary>CartPole-v1 showing [x, θ] (the cart and pole velocities hidden).</summary>
    public const string CartPoleId = "CartPole-v1-masked";

    /// <summary>Pendulum-v1 showing [cos θ, sin θ] (the angular velocity hidden).</summary>
    public const string PendulumId = "Pendulum-v1-masked";

    private readonly IStatefulEnvironment _inner;
    private readonly int[] _kept;
    private readonly float[] _full;

    /// <summary>Wraps <paramref name="inner"/>, keeping the observation components <paramref name="kept"/> in that order.</summary>
    /// <exception cref="ArgumentException">A kept index is outside the inner observation, or none is kept.</exception>
    public MaskedEnvironment(string id, IStatefulEnvironment inner, int[] kept)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(kept);
        BoxSpace space = inner.Spec.ObservationSpace;
        if (kept.Length == 0) throw new ArgumentException("a masked environment must keep at least one component.", nameof(kept));
        foreach (int k in kept)
            if (k < 0 || k >= space.FlatSize) throw new ArgumentException($"component {k} is outside {inner.Spec.Id}'s observation of {space.FlatSize}.", nameof(kept));
        _inner = inner;
        _kept = (int[])kept.Clone();
        _full = new float[space.FlatSize];
        Spec = inner.Spec with
        {
            Id = id,
            ObservationSpace = new BoxSpace(_kept.Select(k => space.Low[k]).ToArray(), _kept.Select(k => space.High[k]).ToArray()),
        };
    }

    /// <summary>CartPole-v1 with its velocities hidden.</summary>
    public static MaskedEnvironment CartPole() => new(CartPoleId, new CartPoleEnvironment(), [0, 2]);

    /// <summary>Pendulum-v1 with its angular velocity hidden.</summary>
    public static MaskedEnvironment Pendulum() => new(PendulumId, new PendulumEnvironment(), [0, 1]);

    /// <inheritdoc/>
    public EnvironmentSpec Spec { get; }

    /// <summary>The wrapped environment, whose dynamics this one runs (es render draws it as the unmasked task).</summary>
    public IStatefulEnvironment Inner => _inner;

    /// <inheritdoc/>
    public int StateSize => _inner.StateSize;

    /// <inheritdoc/>
    public int ElapsedSteps => _inner.ElapsedSteps;

    /// <inheritdoc/>
    public void Reset(ulong seed, Span<float> observation)
    {
        CheckObservation(observation);
        _inner.Reset(seed, _full);
        Mask(observation);
    }

    /// <inheritdoc/>
    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        CheckObservation(observation);
        StepResult result = _inner.Step(action, _full);
        Mask(observation);
        return result;
    }

    /// <inheritdoc/>
    public void GetState(Span<double> state) => _inner.GetState(state);

    /// <inheritdoc/>
    public void SetState(ReadOnlySpan<double> state, int elapsedSteps) => _inner.SetState(state, elapsedSteps);

    /// <inheritdoc/>
    public void GetObservation(Span<float> observation)
    {
        CheckObservation(observation);
        _inner.GetObservation(_full);
        Mask(observation);
    }

    private void Mask(Span<float> observation)
    {
        for (int i = 0; i < _kept.Length; i++) observation[i] = _full[_kept[i]];
    }

    private void CheckObservation(Span<float> observation)
    {
        if (observation.Length != _kept.Length)
            throw new ArgumentException($"{Spec.Id}: observation buffer has {observation.Length} values, expected {_kept.Length}.", nameof(observation));
    }
}
