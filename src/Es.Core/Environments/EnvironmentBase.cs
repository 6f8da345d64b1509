// Shared episode bookkeeping for the built-in environments: buffers, elapsed steps, truncation.
namespace Es.Core.Environments;

using Es.Core.Random;

/// <summary>
/// Base of the built-in environments. It owns what Gymnasium's wrappers do around a raw
/// environment (the step counter and the TimeLimit truncation flag) so each subclass only
/// states its own physics, and so every environment checks buffers and ordering the same way.
/// </summary>
public abstract class EnvironmentBase : IStatefulEnvironment
{
    private readonly double[] _state;
    private bool _hasState;

    /// <summary>Creates the bookkeeping for an environment with the given spec and state size.</summary>
    /// <param name="spec">Id, spaces and step limit.</param>
    /// <param name="stateSize">Number of doubles in the internal state.</param>
    protected EnvironmentBase(EnvironmentSpec spec, int stateSize)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stateSize);
        Spec = spec;
        _state = new double[stateSize];
    }

    /// <inheritdoc/>
    public EnvironmentSpec Spec { get; }

    /// <inheritdoc/>
    public int StateSize => _state.Length;

    /// <inheritdoc/>
    public int ElapsedSteps { get; private set; }

    /// <summary>The internal state, which subclasses read and update in place during a step.</summary>
    protected Span<double> State => _state;

    /// <inheritdoc/>
    public void Reset(ulong seed, Span<float> observation)
    {
        CheckObservationBuffer(observation);
        var rng = new Rng(seed);
        SampleInitialState(ref rng, _state);
        ElapsedSteps = 0;
        _hasState = true;
        OnEpisodeStart();
        WriteObservation(observation);
    }

    /// <inheritdoc/>
    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        if (!_hasState)
            throw new InvalidOperationException($"{Spec.Id}: Step called before Reset or SetState.");
        CheckObservationBuffer(observation);
        if (action.Length != Spec.ActionSize)
            throw new ArgumentException(
                $"{Spec.Id}: action has {action.Length} values but {Spec.ActionSpace} needs {Spec.ActionSize}.", nameof(action));
        // The subclass validates the action before touching the state, so a rejected action leaves the episode as it was.
        (double reward, bool terminated) = Advance(action);
        ElapsedSteps++;
        WriteObservation(observation);
        return new StepResult(reward, terminated, ElapsedSteps >= Spec.MaxEpisodeSteps);
    }

    /// <inheritdoc/>
    public void GetState(Span<double> state)
    {
        if (state.Length != _state.Length)
            throw new ArgumentException($"{Spec.Id}: state buffer has {state.Length} values, expected {_state.Length}.", nameof(state));
        _state.CopyTo(state);
    }

    /// <inheritdoc/>
    public void SetState(ReadOnlySpan<double> state, int elapsedSteps)
    {
        if (state.Length != _state.Length)
            throw new ArgumentException($"{Spec.Id}: state has {state.Length} values, expected {_state.Length}.", nameof(state));
        ArgumentOutOfRangeException.ThrowIfNegative(elapsedSteps);
        state.CopyTo(_state);
        ElapsedSteps = elapsedSteps;
        _hasState = true;
        OnEpisodeStart();
    }

    /// <inheritdoc/>
    public void GetObservation(Span<float> observation)
    {
        if (!_hasState)
            throw new InvalidOperationException($"{Spec.Id}: no state yet; call Reset or SetState first.");
        CheckObservationBuffer(observation);
        WriteObservation(observation);
    }

    /// <summary>Draws the initial state of an episode; everything random in a reset comes from <paramref name="rng"/>.</summary>
    /// <param name="rng">Generator seeded with the reset seed.</param>
    /// <param name="state">Receives the initial state.</param>
    protected abstract void SampleInitialState(ref Rng rng, Span<double> state);

    /// <summary>Validates <paramref name="action"/>, advances <see cref="State"/> by one step and returns the reward and termination.</summary>
    /// <param name="action">Flat action of the right length; its values are not yet validated.</param>
    protected abstract (double Reward, bool Terminated) Advance(ReadOnlySpan<float> action);

    /// <summary>Writes the observation of the current <see cref="State"/>.</summary>
    /// <param name="observation">Buffer of exactly <see cref="EnvironmentSpec.ObservationSize"/> values.</param>
    protected abstract void WriteObservation(Span<float> observation);

    /// <summary>Clears per-episode bookkeeping beyond the state, after a reset or <see cref="SetState"/>.</summary>
    protected virtual void OnEpisodeStart()
    {
    }

    private void CheckObservationBuffer(Span<float> observation)
    {
        if (observation.Length != Spec.ObservationSize)
            throw new ArgumentException(
                $"{Spec.Id}: observation buffer has {observation.Length} values, expected {Spec.ObservationSize}.", nameof(observation));
    }
}
