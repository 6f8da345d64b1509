// The sphere function Σ xᵢ², the simplest convex test of an optimizer.
namespace Es.Core.Objectives;

/// <summary>Sphere: f(x) = Σ xᵢ², minimum 0 at the origin. A smoke test: any working ES must solve it.</summary>
public sealed class SphereObjective : IObjective
{
    /// <summary>Registry id.</summary>
    public const string ObjectiveId = "sphere";

    /// <summary>Creates the function in <paramref name="dimension"/> variables.</summary>
    public SphereObjective(int dimension)
    {
        Dimension = ObjectiveChecks.Dimension(dimension, 1, ObjectiveId);
    }

    /// <inheritdoc/>
    public string Id => ObjectiveId;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public double[]? KnownMinimizer => new double[Dimension];

    /// <inheritdoc/>
    public double MinimumValue => 0.0;

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<float> x)
    {
        ObjectiveChecks.Length(x, Dimension, Id);
        double sum = 0.0;
        foreach (float v in x)
        {
            double d = v;
            sum += d * d;
        }

        return sum;
    }
}
