// The contract of a closed-form test function that ES minimizes, for checking an optimizer without environments.
namespace Es.Core.Objectives;

/// <summary>
/// A deterministic function of a parameter vector with a known minimum, so a strategy's progress
/// can be measured exactly and cheaply. Values are computed in double for reproducibility.
/// </summary>
public interface IObjective
{
    /// <summary>Registry id, for example "rastrigin".</summary>
    string Id { get; }

    /// <summary>Length of the parameter vector.</summary>
    int Dimension { get; }

    /// <summary>The value to minimize at <paramref name="x"/>.</summary>
    /// <param name="x">Exactly <see cref="Dimension"/> values.</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong length.</exception>
    double Evaluate(ReadOnlySpan<float> x);

    /// <summary>A point where <see cref="MinimumValue"/> is attained, or null where none is known.</summary>
    double[]? KnownMinimizer { get; }

    /// <summary>The global minimum of the function.</summary>
    double MinimumValue { get; }
}
