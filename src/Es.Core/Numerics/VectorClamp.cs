// The clamp the scalar code writes as `v < lo ? lo : v > hi ? hi : v`, lane by lane in a vector.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Es.Core.Numerics;

/// <summary>
/// Clamps with two comparisons and two selects, so each lane gets the scalar clamp's bits: NaN
/// passes through (both comparisons are false) and −0 stays −0 (it is neither below nor above
/// bounds of other values). Vector Min/Max would not promise either on every instruction set.
/// </summary>
internal static class VectorClamp
{
    /// <summary><c>v &lt; low ? low : v &gt; high ? high : v</c> in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Clamp<T>(Vector256<T> v, Vector256<T> low, Vector256<T> high) =>
        Vector256.ConditionalSelect(Vector256.LessThan(v, low), low, Vector256.ConditionalSelect(Vector256.GreaterThan(v, high), high, v));

    /// <summary><c>v &lt; low ? low : v &gt; high ? high : v</c> in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Clamp<T>(Vector128<T> v, Vector128<T> low, Vector128<T> high) =>
        Vector128.ConditionalSelect(Vector128.LessThan(v, low), low, Vector128.ConditionalSelect(Vector128.GreaterThan(v, high), high, v));
}
