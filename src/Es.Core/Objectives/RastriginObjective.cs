// The Rastrigin function, a highly multimodal test where ES's smoothing helps over local search.
using System.Runtime.CompilerServices;
using Es.Core.Numerics;

namespace Es.Core.Objectives;

/// <summary>
/// Rastrigin with A = 10: f(x) = A·n + Σ [xᵢ² − A·cos(2π·xᵢ)], minimum 0 at the origin, with a
/// local minimum near every integer point.
/// </summary>
public sealed class RastriginObjective : IObjective
{
    /// <summary>Registry id.</summary>
    public const string ObjectiveId = "rastrigin";

    /// <summary>The amplitude A of the cosine ripples.</summary>
    public const double A = 10.0;

    /// <summary>Creates the function in <paramref name="dimension"/> variables.</summary>
    public RastriginObjective(int dimension)
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

    // A·n + Σ xᵢ² − A·cos(2π·xᵢ) (libm's cos, as for one point).
    private readonly struct Terms(int dimension) : ITerms
    {
        public double Initial => A * dimension;

        public int Count => dimension;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Term(ref float x, int i)
        {
            double d = Conversions.ToDouble(Unsafe.Add(ref x, i));
            return d * d - A * Math.Cos(2 * Math.PI * d);
        }
    }
}
