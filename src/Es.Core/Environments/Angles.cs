// Angle arithmetic with Python/NumPy semantics (floor modulo), shared by the environments.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Es.Core.Environments;

/// <summary>Floor modulo and angle normalisation as Python's % computes them, not C#'s truncating %.</summary>
internal static class Angles
{
    // Below this |a / b| the quotient's integer part and k·b are exact in double.
    private const double ExactQuotient = 4503599627370496.0; // 2^52

    /// <summary>a mod b with the sign of <paramref name="b"/> (Python's float %, NumPy's remainder).</summary>
    public static double FloorMod(double a, double b)
    {
        double r = Remainder(a, b);
        if (r != 0 && (r < 0) != (b < 0))
            r += b;
        return r;
    }

    /// <summary>((x + π) mod 2π) − π: the angle in [−π, π) with Gymnasium's evaluation order.</summary>
    public static double Normalize(double x) => FloorMod(x + Math.PI, 2 * Math.PI) - Math.PI;

    /// <summary>
    /// <see cref="Normalize(double)"/> of four angles at once, each lane the same operations and
    /// bits (<see cref="Remainder"/>'s fused multiply-adds are correctly rounded in vectors too);
    /// false, with nothing computed, when a lane needs <c>%</c>'s own rules (an infinite or NaN
    /// angle, a huge quotient), which the caller then takes lane by lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryNormalize(Vector256<double> x, out Vector256<double> normalized)
    {
        var pi = Vector256.Create(Math.PI);
        var b = Vector256.Create(2 * Math.PI);
        var a = x + pi;
        var q = a / b;
        if (!Vector256.LessThanAll(Vector256.Abs(q), Vector256.Create(ExactQuotient)))
        {
            normalized = default;
            return false;
        }
        var k = Vector256.Truncate(q);
        var r = Vector256.FusedMultiplyAdd(-k, b, a);
        var zero = Vector256<double>.Zero;
        var sign = Vector256.ConditionalSelect(Vector256.GreaterThan(q, zero), Vector256.Create(1.0),
            Vector256.ConditionalSelect(Vector256.LessThan(q, zero), Vector256.Create(-1.0), zero));
        var wrongSide = ~Vector256.Equals(r, zero) & (Vector256.LessThan(r, zero) ^ Vector256.LessThan(a, zero));
        var tooLarge = ~wrongSide & Vector256.GreaterThanOrEqual(Vector256.Abs(r), b);
        r = Vector256.ConditionalSelect(wrongSide, Vector256.FusedMultiplyAdd(-(k - sign), b, a),
            Vector256.ConditionalSelect(tooLarge, Vector256.FusedMultiplyAdd(-(k + sign), b, a), r));
        // A zero remainder has a's sign, as fmod's; then FloorMod's step up for a negative one.
        r = Vector256.ConditionalSelect(Vector256.Equals(r, zero), a & Vector256.Create(-0.0), r);
        r = Vector256.ConditionalSelect(Vector256.LessThan(r, zero), r + b, r);
        normalized = r - pi;
        return true;
    }

    /// <summary>
    /// C's fmod(a, b) (what C#'s % calls), the same bits, without the libm call for the angles the
    /// environments see. fmod's result is exact: it is a − k·b for k the integer part of a / b,
    /// and a fused multiply-add computes that difference exactly, so only k needs care: the
    /// rounded quotient can land on the next integer, which the sign of the remainder then shows.
    /// Infinite, NaN or huge quotients and a zero result (whose sign is a's) take the exact rules
    /// of <c>%</c> itself.
    /// </summary>
    internal static double Remainder(double a, double b)
    {
        double q = a / b;
        if (!(Math.Abs(q) < ExactQuotient) || !double.IsFinite(b) || b == 0) return a % b;
        double k = Math.Truncate(q);
        double r = Math.FusedMultiplyAdd(-k, b, a);
        // |r| must be below |b| with a's sign (or zero); a quotient rounded across an integer leaves
        // r on the wrong side by one b, which one step of k puts right (exactly, by the same FMA).
        if (r != 0 && (r < 0) != (a < 0))
            r = Math.FusedMultiplyAdd(-(k - Math.Sign(q)), b, a);
        else if (Math.Abs(r) >= Math.Abs(b))
            r = Math.FusedMultiplyAdd(-(k + Math.Sign(q)), b, a);
        return r == 0 ? a % b : r;
    }
}
