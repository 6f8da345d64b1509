// The sphere function Σ xᵢ², the simplest convex test of an optimizer.
using System.Runtime.CompilerServices;
using Es.Core.Numerics;

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
        return SumOfTerms.One(new Terms(Dimension), x);
    }

    /// <inheritdoc/>
    public void EvaluateMany(ReadOnlySpan<float> points, Span<double> values)
    {
        ObjectiveChecks.Points(points, values.Length, Dimension, Id);
        SumOfTerms.Many(new Terms(Dimension), points, Dimension, values);
    }

    // 0 + Σ xᵢ², each xᵢ widened to double.
    private readonly struct Terms(int count) : ITerms
    {
        public double Initial => 0.0;

        public int Count => count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Term(ref float x, int i)
        {
            double d = Conversions.ToDouble(Unsafe.Add(ref x, i));
            return d * d;
        }
    }
}
