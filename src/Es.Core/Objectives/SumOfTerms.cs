// A test function as a sum of terms in a fixed order, for one point or for several at once with
// their sums interleaved: every point gets the very operations of the one-point sum.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Es.Core.Objectives;

/// <summary>The terms of a test function f(x) = initial + Σᵢ term(x, i), summed in increasing i.</summary>
internal interface ITerms
{
    /// <summary>The value the sum starts from.</summary>
    double Initial { get; }

    /// <summary>How many terms a point has.</summary>
    int Count { get; }

    /// <summary>Term <paramref name="i"/> of the point whose first value is <paramref name="x"/>.</summary>
    double Term(ref float x, int i);
}

/// <summary>
/// Evaluates <see cref="ITerms"/> sums. A sum is a chain of dependent adds, so one point keeps the
/// core waiting on each add's latency; four points' chains side by side keep it busy, and each
/// chain is still the one-point sum, term by term, so the values are the same bits.
/// </summary>
internal static class SumOfTerms
{
    /// <summary>f at one point.</summary>
    public static double One<T>(T terms, ReadOnlySpan<float> x) where T : struct, ITerms
    {
        ref float p = ref MemoryMarshal.GetReference(x);
        double sum = terms.Initial;
        for (int i = 0, n = terms.Count; i < n; i++) sum += terms.Term(ref p, i);
        return sum;
    }

    /// <summary>f at <paramref name="values"/>.Length points of <paramref name="dimension"/> values each, stored one after another.</summary>
    public static void Many<T>(T terms, ReadOnlySpan<float> points, int dimension, Span<double> values) where T : struct, ITerms
    {
        ref float start = ref MemoryMarshal.GetReference(points);
        int k = 0, n = terms.Count;
        for (; k + 4 <= values.Length; k += 4)
        {
            ref float p0 = ref Unsafe.Add(ref start, (nint)k * dimension);
            ref float p1 = ref Unsafe.Add(ref p0, dimension);
            ref float p2 = ref Unsafe.Add(ref p1, dimension);
            ref float p3 = ref Unsafe.Add(ref p2, dimension);
            double s0 = terms.Initial, s1 = s0, s2 = s0, s3 = s0;
            for (int i = 0; i < n; i++)
            {
                s0 += terms.Term(ref p0, i);
                s1 += terms.Term(ref p1, i);
                s2 += terms.Term(ref p2, i);
                s3 += terms.Term(ref p3, i);
            }
            values[k] = s0;
            values[k + 1] = s1;
            values[k + 2] = s2;
            values[k + 3] = s3;
        }
        for (; k < values.Length; k++) values[k] = One(terms, points.Slice(k * dimension, dimension));
    }
}
