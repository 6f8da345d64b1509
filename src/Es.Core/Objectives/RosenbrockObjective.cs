// The Rosenbrock function, a curved narrow valley that punishes optimizers following only the gradient.
using System.Runtime.CompilerServices;
using Es.Core.Numerics;

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
        return SumOfTerms.One(new Terms(Dimension), x);
    }

    /// <inheritdoc/>
    public void EvaluateMany(ReadOnlySpan<float> points, Span<double> values)
    {
        ObjectiveChecks.Points(points, values.Length, Dimension, Id);
        SumOfTerms.Many(new Terms(Dimension), points, Dimension, values);
    }

    // 0 + Σᵢ₌₀ⁿ⁻² 100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)².
    private readonly struct Terms(int dimension) : ITerms
    {
        public double Initial => 0.0;

        public int Count => dimension - 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Term(ref float x, int i)
        {
            double xi = Conversions.ToDouble(Unsafe.Add(ref x, i));
            double valley = Conversions.ToDouble(Unsafe.Add(ref x, i + 1)) - xi * xi;
            double offset = 1.0 - xi;
            return 100.0 * (valley * valley) + offset * offset;
        }
    }
}
