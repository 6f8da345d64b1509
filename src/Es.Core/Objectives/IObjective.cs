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

    /// <summary>
    /// The values at several points at once, so that an evaluator with lanes (es.rollouts.lanes)
    /// can score a batch of candidates together; <paramref name="values"/>[k] must be the very bits
    /// <see cref="Evaluate"/> gives for point k. By default one point after another; the sums of
    /// squares interleave their points' chains of adds.
    /// </summary>
    /// <param name="points"><paramref name="values"/>.Length points of <see cref="Dimension"/> values each, one after another.</param>
    /// <param name="values">Receives f at each point.</param>
    /// <exception cref="ArgumentException"><paramref name="points"/> does not hold that many points.</exception>
    void EvaluateMany(ReadOnlySpan<float> points, Span<double> values)
    {
        ObjectiveChecks.Points(points, values.Length, Dimension, Id);
        for (int k = 0; k < values.Length; k++) values[k] = Evaluate(points.Slice(k * Dimension, Dimension));
    }

    /// <summary>A point where <see cref="MinimumValue"/> is attained, or null where none is known.</summary>
    double[]? KnownMinimizer { get; }

    /// <summary>The global minimum of the function.</summary>
    double MinimumValue { get; }
}
