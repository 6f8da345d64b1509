// The few drawing helpers the frame drawers share: y-up world coordinates, rotated boxes, filled circles.
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>Gymnasium's renderers think in y-up pixels and flip at the end; these helpers take y-up and flip per point.</summary>
internal static class Shapes
{
    /// <summary>A fill paint of one colour, antialiased.</summary>
    public static SKPaint Fill(byte r, byte g, byte b) => new() { Color = new SKColor(r, g, b), IsAntialias = true, Style = SKPaintStyle.Fill };

    /// <summary>A stroke paint of one colour and width, antialiased.</summary>
    public static SKPaint Stroke(byte r, byte g, byte b, float width) =>
        new() { Color = new SKColor(r, g, b), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width };

    /// <summary>Fills the polygon whose y-up corners are <paramref name="corners"/>, rotated by <paramref name="angle"/> (counter-clockwise) and moved to (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static void Polygon(SKCanvas canvas, int height, (double X, double Y)[] corners, double angle, double x, double y, SKPaint paint)
    {
        using var path = new SKPath();
        for (int i = 0; i < corners.Length; i++)
        {
            (double px, double py) = Rotate(corners[i], angle);
            var point = new SKPoint((float)(px + x), (float)(height - (py + y)));
            if (i == 0) path.MoveTo(point); else path.LineTo(point);
        }
        path.Close();
        canvas.DrawPath(path, paint);
    }

    /// <summary>The box (left, right, top, bottom) as four corners.</summary>
    public static (double X, double Y)[] Box(double l, double r, double t, double b) => [(l, b), (l, t), (r, t), (r, b)];

    /// <summary>A filled circle at y-up (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static void Circle(SKCanvas canvas, int height, double x, double y, double radius, SKPaint paint) =>
        canvas.DrawCircle((float)x, (float)(height - y), (float)radius, paint);

    /// <summary>A line between y-up points.</summary>
    public static void Line(SKCanvas canvas, int height, double x1, double y1, double x2, double y2, SKPaint paint) =>
        canvas.DrawLine((float)x1, (float)(height - y1), (float)x2, (float)(height - y2), paint);

    /// <summary>Text with its baseline's left end at screen (y-down) (<paramref name="x"/>, <paramref name="y"/>), in DejaVu Sans when the system has it.</summary>
    public static void Text(SKCanvas canvas, string text, float x, float y, float size, SKColor colour)
    {
        using SKTypeface typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
        using var font = new SKFont(typeface, size);
        using var ink = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawText(text, x, y, font, ink);
    }

    /// <summary><paramref name="p"/> rotated counter-clockwise by <paramref name="angle"/> radians.</summary>
    public static (double X, double Y) Rotate((double X, double Y) p, double angle) =>
        (p.X * Math.Cos(angle) - p.Y * Math.Sin(angle), p.X * Math.Sin(angle) + p.Y * Math.Cos(angle));
}
