// The Rosenbrock function, a curved narrow valley that punishes optimizers following only the gradient.
namespace Es.Core.Objectives;

/// <summary>
/// Rosenbrock: f(x) = Σᵢ₌₁ⁿ⁻¹ [100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²], minimum 0 at (1, …, 1).
/// Ill-conditioned, so it shows whether an optimizer adapts its steps.
/// </summary>
public sealed class RosenbrockObjective : IObjective
{
    /// <summary>Registry id.</summary>
    public const string ObjectiveId = "rosenbrock";

    /// <summary>Creates the function in <paramref name="dimension"/> ≥ 2 variables.</summary>
    public RosenbrockObjective(int dimension)
    {
        Dimension = ObjectiveChecks.Dimension(dimension, 2, ObjectiveId);
    }

    /// <inheritdoc/>
    public string Id => ObjectiveId;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public double[]? KnownMinimizer => Enumerable.Repeat(1.0, Dimension).ToArray();

    /// <inheritdoc/>
    public double MinimumValue => 0.0;

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<float> x)
    {
        ObjectiveChecks.Length(x, Dimension, Id);
        double sum = 0.0;
        for (int i = 0; i < x.Length - 1; i++)
        {
            double xi = x[i];
            double valley = x[i + 1] - xi * xi;
            double offset = 1.0 - xi;
            sum += 100.0 * (valley * valley) + offset * offset;
        }

        return sum;
    }
}
