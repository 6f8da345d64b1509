// An environment whose internal state can be read and written, for conformance tests and tools.
namespace Es.Core.Environments;

/// <summary>
/// An environment that exposes its full internal state, so a test can put it exactly where a
/// reference trajectory was and a tool can snapshot and restore an episode mid-way.
/// </summary>
public interface IStatefulEnvironment : IEnvironment
{
    /// <summary>Number of doubles in the internal state (see each environment for the layout).</summary>
    int StateSize { get; }

    /// <summary>Steps taken since the last reset or <see cref="SetState"/>; truncation compares it with the limit.</summary>
    int ElapsedSteps { get; }

    /// <summary>Copies the internal state out, at full float64 precision.</summary>
    /// <param name="state">Receives <see cref="StateSize"/> values.</param>
    void GetState(Span<double> state);

    /// <summary>Replaces the internal state and the elapsed-step count, as if an episode had reached them.</summary>
    /// <param name="state">The <see cref="StateSize"/> values to store, used as given (no rounding).</param>
    /// <param name="elapsedSteps">Steps already taken in this episode.</param>
    void SetState(ReadOnlySpan<double> state, int elapsedSteps);

    /// <summary>Writes the observation of the current state, the one a reset into this state would return.</summary>
    /// <param name="observation">Receives <see cref="EnvironmentSpec.ObservationSize"/> values.</param>
    void GetObservation(Span<float> observation);
}
