// A shifted sum of squares whose optimum is not at the origin, so a zero-initialized policy cannot pass by luck.
using System.Runtime.CompilerServices;
using Es.Core.Numerics;

namespace Es.Core.Objectives;

/// <summary>
/// Quadratic: f(x) = Σ (xᵢ − oᵢ)², minimum 0 at the optimum o (default [0.5, 0.1, −0.3]). The classic
/// first check of an ES implementation: the mean must walk to o.
/// </summary>
public sealed class QuadraticObjective : IObjective
{
    /// <summary>Registry id.</summary>
    public const string ObjectiveId = "quadratic";

    private double[] _optimum;

    /// <summary>Creates the function with optimum <paramref name="optimum"/>, or the default [0.5, 0.1, −0.3] when null.</summary>
    /// <exception cref="ArgumentException">The optimum is empty or holds a non-finite value.</exception>
    public QuadraticObjective(IReadOnlyList<double>? optimum = null)
    {
        _optimum = CheckOptimum(optimum ?? DefaultOptimum);
    }

    /// <summary>The optimum used when none is given.</summary>
    public static IReadOnlyList<double> DefaultOptimum { get; } = [0.5, 0.1, -0.3];

    /// <inheritdoc/>
    public string Id => ObjectiveId;

    /// <inheritdoc/>
    public int Dimension => _optimum.Length;

    /// <summary>Where the minimum lies; settable so a test can move the target, keeping the dimension.</summary>
    /// <exception cref="ArgumentException">The new optimum has a different length or a non-finite value.</exception>
    public IReadOnlyList<double> Optimum
    {
        get => _optimum;
        set
        {
            double[] checkedValue = CheckOptimum(value);
            if (checkedValue.Length != _optimum.Length)
                throw new ArgumentException($"quadratic: new optimum has {checkedValue.Length} values, dimension is {_optimum.Length}.", nameof(value));
            _optimum = checkedValue;
        }
    }

    /// <inheritdoc/>
    public double[]? KnownMinimizer => _optimum.ToArray();

    /// <inheritdoc/>
    public double MinimumValue => 0.0;

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<float> x)
    {
        ObjectiveChecks.Length(x, Dimension, Id);
        return SumOfTerms.One(new Terms(_optimum), x);
    }

    /// <inheritdoc/>
    public void EvaluateMany(ReadOnlySpan<float> points, Span<double> values)
    {
        ObjectiveChecks.Points(points, values.Length, Dimension, Id);
        SumOfTerms.Many(new Terms(_optimum), points, Dimension, values);
    }

    // 0 + Σ (xᵢ − x*ᵢ)², each difference taken in double.
    private readonly struct Terms(double[] optimum) : ITerms
    {
        public double Initial => 0.0;

        public int Count => optimum.Length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Term(ref float x, int i)
        {
            double d = Conversions.ToDouble(Unsafe.Add(ref x, i)) - optimum[i];
            return d * d;
        }
    }

    private static double[] CheckOptimum(IReadOnlyList<double> optimum)
    {
        ArgumentNullException.ThrowIfNull(optimum);
        if (optimum.Count == 0)
            throw new ArgumentException("quadratic: the optimum needs at least one value.", nameof(optimum));
        for (int i = 0; i < optimum.Count; i++)
        {
            if (!double.IsFinite(optimum[i]))
                throw new ArgumentException($"quadratic: optimum[{i}] is {optimum[i]}; it must be finite.", nameof(optimum));
        }

        return optimum.ToArray();
    }
}
