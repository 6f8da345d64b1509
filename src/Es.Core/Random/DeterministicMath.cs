// Logarithm and exponential written in plain IEEE-754 arithmetic, so values derived from them
// (the noise table, Gaussian draws) are the same bits whatever C library or CPU computes them.
namespace Es.Core.Random;

/// <summary>
/// Elementary functions that do not depend on the platform's libm. <see cref="Math.Log(double)"/>
/// and <see cref="Math.Exp"/> may differ in the last bit between C libraries and CPUs; a
/// shared noise table must not. Only +, −, ×, ÷, and exact bit manipulation are used here,
/// which IEEE-754 defines exactly (the JIT does not contract them into fused multiply-adds).
/// Accuracy is within a few ulps, which is ample for sampling.
/// </summary>
public static class DeterministicMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;

    /// <summary>Natural logarithm of a positive finite <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is not positive and finite.</exception>
    public static double Log(double x)
    {
        if (!(x > 0.0) || double.IsInfinity(x))
            throw new ArgumentOutOfRangeException(nameof(x), x, "Log needs a positive finite argument.");
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0)
        {
            // Subnormal: scale into the normal range first.
            x *= 18014398509481984.0; // 2^54
            bits = BitConverter.DoubleToInt64Bits(x);
            exponent = (int)((bits >> 52) & 0x7FF) - 54;
        }
        int k = exponent - 1023;
        // Mantissa m in [1, 2); move it to [sqrt(1/2), sqrt(2)) so the series argument stays small.
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            k += 1;
        }
        // ln m = 2 atanh(z), z = (m − 1)/(m + 1), |z| ≤ 0.1716: the odd series converges fast.
        double z = (m - 1.0) / (m + 1.0);
        double z2 = z * z;
        double series = 1.0 / 25.0;
        series = series * z2 + 1.0 / 23.0;
        series = series * z2 + 1.0 / 21.0;
        series = series * z2 + 1.0 / 19.0;
        series = series * z2 + 1.0 / 17.0;
        series = series * z2 + 1.0 / 15.0;
        series = series * z2 + 1.0 / 13.0;
        series = series * z2 + 1.0 / 11.0;
        series = series * z2 + 1.0 / 9.0;
        series = series * z2 + 1.0 / 7.0;
        series = series * z2 + 1.0 / 5.0;
        series = series * z2 + 1.0 / 3.0;
        double lnM = 2.0 * z + 2.0 * z * (z2 * series);
        return k * Ln2Hi + (lnM + k * Ln2Lo);
    }

    /// <summary>e raised to <paramref name="x"/>; 0 below −745, +∞ above 709.8.</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x > 709.78) return double.PositiveInfinity;
        if (x < -745.2) return 0.0;
        // x = k ln2 + r, |r| ≤ ln2/2; e^r by its Taylor series, then scale by 2^k exactly.
        double kd = Math.Round(x * 1.4426950408889634, MidpointRounding.ToEven);
        int k = (int)kd;
        double r = (x - kd * Ln2Hi) - kd * Ln2Lo;
        double term = 1.0, sum = 1.0;
        for (int i = 1; i <= 18; i++)
        {
            term = term * r / i;
            sum += term;
        }
        return Math.ScaleB(sum, k);
    }
}
