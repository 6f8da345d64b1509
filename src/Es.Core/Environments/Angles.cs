// Angle arithmetic with Python/NumPy semantics (floor modulo), shared by the environments.
namespace Es.Core.Environments;

/// <summary>Floor modulo and angle normalisation as Python's % computes them, not C#'s truncating %.</summary>
internal static class Angles
{
    /// <summary>a mod b with the sign of <paramref name="b"/> (Python's float %, NumPy's remainder).</summary>
    public static double FloorMod(double a, double b)
    {
        double r = a % b;
        if (r != 0 && (r < 0) != (b < 0))
            r += b;
        return r;
    }

    /// <summary>((x + π) mod 2π) − π: the angle in [−π, π) with Gymnasium's evaluation order.</summary>
    public static double Normalize(double x) => FloorMod(x + Math.PI, 2 * Math.PI) - Math.PI;
}
