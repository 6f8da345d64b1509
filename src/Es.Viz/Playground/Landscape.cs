// The reward landscape the user paints: a grid of values over the square [−1, 1]², read between cells by bilinear interpolation.
namespace Es.Viz.Playground;

/// <summary>
/// An immutable painted landscape. Outside the square the value is the edge's, minus twice the
/// distance to the square, so the search is drawn back to what the user can see and paint.
/// </summary>
public sealed class Landscape
{
    /// <summary>The smallest and largest grid the page may send.</summary>
    public const int MinSize = 4, MaxSize = 128;

    private readonly double[] _values;

    /// <summary>Creates a <paramref name="size"/> × <paramref name="size"/> landscape; row 0 is y = −1, column 0 is x = −1.</summary>
    /// <exception cref="ArgumentException">The size is out of range, the values are not size² long, or one is not finite or beyond ±1e6.</exception>
    public Landscape(int size, double[] values)
    {
        if (size < MinSize || size > MaxSize) throw new ArgumentException($"size must be {MinSize} to {MaxSize} (got {size}).", nameof(size));
        if (values.Length != size * size) throw new ArgumentException($"a {size} × {size} landscape needs {size * size} values (got {values.Length}).", nameof(values));
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]) || Math.Abs(values[i]) > 1e6)
                throw new ArgumentException($"value {i} is {values[i]}; values must be finite and within ±1e6.", nameof(values));
        }
        Size = size;
        _values = (double[])values.Clone();
    }

    /// <summary>A flat landscape (every value 0): no direction is better.</summary>
    public static Landscape Flat(int size) => new(size, new double[size * size]);

    /// <summary>Cells per side.</summary>
    public int Size { get; }

    /// <summary>The value at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public double At(double x, double y)
    {
        double cx = Math.Clamp(x, -1, 1), cy = Math.Clamp(y, -1, 1);
        double outside = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
        // Cell centres sit at −1 + (i + 0.5)·2/size.
        double u = Math.Clamp((cx + 1) / 2 * Size - 0.5, 0, Size - 1), v = Math.Clamp((cy + 1) / 2 * Size - 0.5, 0, Size - 1);
        int i0 = (int)Math.Floor(u), j0 = (int)Math.Floor(v);
        int i1 = Math.Min(i0 + 1, Size - 1), j1 = Math.Min(j0 + 1, Size - 1);
        double fu = u - i0, fv = v - j0;
        double a = _values[j0 * Size + i0] * (1 - fu) + _values[j0 * Size + i1] * fu;
        double b = _values[j1 * Size + i0] * (1 - fu) + _values[j1 * Size + i1] * fu;
        return a * (1 - fv) + b * fv - 2 * outside;
    }
}
