// A test function's search: the center of the search distribution moving over a 2-D slice of the function.
using Es.Core.Objectives;
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>
/// Draws the path of θ over the plane of its first two coordinates, the other coordinates held at
/// the last θ, on a shaded map of log(f − f_min); one frame per generation.
/// </summary>
public sealed class ObjectivePathRenderer
{
    private const int Size = 320, Cells = 160;
    private readonly IObjective _objective;

    /// <summary>Creates a renderer for <paramref name="objective"/>.</summary>
    /// <exception cref="VizInputException">The function has fewer than two parameters (no plane to draw).</exception>
    public ObjectivePathRenderer(IObjective objective)
    {
        if (objective.Dimension < 2) throw new VizInputException($"{objective.Id} has {objective.Dimension} parameter; a 2-D slice needs at least 2.");
        _objective = objective;
    }

    /// <summary>Width and height of a frame.</summary>
    public static int FrameSize => Size;

    /// <summary>Draws one frame per entry of <paramref name="path"/> (θ at generations 0, 1, …) into <paramref name="gif"/>.</summary>
    public void Render(IReadOnlyList<float[]> path, GifWriter gif)
    {
        if (path.Count == 0) throw new ArgumentException("the path is empty.", nameof(path));
        float[] slice = path[^1];
        (double x0, double x1, double y0, double y1) = Bounds(path);
        using SKBitmap background = Shade(slice, x0, x1, y0, y1);
        using var bitmap = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
        using var font = new SKFont(typeface, 13);
        using var ink = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var trail = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f };
        using var head = new SKPaint { Color = new SKColor(230, 40, 40), IsAntialias = true };
        using var optimum = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
        SKPoint At(double x, double y) => new((float)((x - x0) / (x1 - x0) * Size), (float)((y1 - y) / (y1 - y0) * Size));
        for (int g = 0; g < path.Count; g++)
        {
            canvas.DrawBitmap(background, 0, 0);
            if (_objective.KnownMinimizer is { } m)
            {
                SKPoint p = At(m[0], m[1]);
                canvas.DrawLine(p.X - 6, p.Y - 6, p.X + 6, p.Y + 6, optimum);
                canvas.DrawLine(p.X - 6, p.Y + 6, p.X + 6, p.Y - 6, optimum);
            }
            using (var line = new SKPath())
            {
                line.MoveTo(At(path[0][0], path[0][1]));
                for (int i = 1; i <= g; i++) line.LineTo(At(path[i][0], path[i][1]));
                canvas.DrawPath(line, trail);
            }
            canvas.DrawCircle(At(path[g][0], path[g][1]), 5, head);
            canvas.DrawText($"{_objective.Id}  generation {g}   f = {_objective.Evaluate(path[g]):G4}", 6, 16, font, ink);
            gif.Add(bitmap);
        }
    }

    private (double X0, double X1, double Y0, double Y1) Bounds(IReadOnlyList<float[]> path)
    {
        IEnumerable<(double X, double Y)> points = path.Select(p => ((double)p[0], (double)p[1]));
        if (_objective.KnownMinimizer is { } m) points = points.Append((m[0], m[1]));
        var list = points.ToList();
        double x0 = list.Min(p => p.X), x1 = list.Max(p => p.X), y0 = list.Min(p => p.Y), y1 = list.Max(p => p.Y);
        double half = Math.Max(Math.Max(x1 - x0, y1 - y0) * 0.6, 0.5);
        double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
        return (cx - half, cx + half, cy - half, cy + half);
    }

    /// <summary>The map of log(1 + f − f_min) on the slice, dark (low) to bright (high).</summary>
    private SKBitmap Shade(float[] slice, double x0, double x1, double y0, double y1)
    {
        var values = new double[Cells, Cells];
        float[] point = (float[])slice.Clone();
        double lo = double.MaxValue, hi = double.MinValue;
        for (int j = 0; j < Cells; j++)
        {
            for (int i = 0; i < Cells; i++)
            {
                point[0] = (float)(x0 + (i + 0.5) / Cells * (x1 - x0));
                point[1] = (float)(y1 - (j + 0.5) / Cells * (y1 - y0));
                double v = Math.Log(1 + Math.Max(0, _objective.Evaluate(point) - _objective.MinimumValue));
                values[i, j] = v;
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }
        var cells = new SKBitmap(new SKImageInfo(Cells, Cells, SKColorType.Rgba8888, SKAlphaType.Premul));
        for (int j = 0; j < Cells; j++)
        {
            for (int i = 0; i < Cells; i++)
            {
                double t = hi > lo ? (values[i, j] - lo) / (hi - lo) : 0;
                cells.SetPixel(i, j, new SKColor((byte)(20 + 220 * t), (byte)(30 + 150 * t * t), (byte)(90 + 60 * (1 - t))));
            }
        }
        var scaled = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(scaled))
        using (var image = SKImage.FromBitmap(cells))
            canvas.DrawImage(image, new SKRect(0, 0, Size, Size), new SKSamplingOptions(SKFilterMode.Linear));
        cells.Dispose();
        return scaled;
    }
}
