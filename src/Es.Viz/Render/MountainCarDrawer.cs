// MountainCar-v0 and MountainCarContinuous-v0 as Gymnasium draws them: the hill, the car tilted along it, the flag.
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>Gymnasium's mountain-car renderer (600 × 400, positions −1.2 to 0.6); state [position, velocity].</summary>
internal sealed class MountainCarDrawer(double goalPosition) : IFrameDrawer
{
    private const double MinPosition = -1.2, MaxPosition = 0.6;
    private const double Scale = 600 / (MaxPosition - MinPosition);
    private const double CarWidth = 40, CarHeight = 20, Clearance = 10;

    public int Width => 600;

    public int Height => 400;

    public double FramesPerSecond => 30;

    private static double HeightAt(double x) => Math.Sin(3 * x) * 0.45 + 0.55;

    public void Draw(SKCanvas canvas, ReadOnlySpan<double> state)
    {
        double pos = state[0];
        using SKPaint black = Shapes.Fill(0, 0, 0);
        using SKPaint hill = Shapes.Stroke(0, 0, 0, 1.5f);
        using SKPaint wheel = Shapes.Fill(128, 128, 128);
        using SKPaint flag = Shapes.Fill(204, 204, 0);
        using (var path = new SKPath())
        {
            for (int i = 0; i < 100; i++)
            {
                double x = MinPosition + (MaxPosition - MinPosition) * i / 99;
                var p = new SKPoint((float)((x - MinPosition) * Scale), (float)(Height - HeightAt(x) * Scale));
                if (i == 0) path.MoveTo(p); else path.LineTo(p);
            }
            canvas.DrawPath(path, hill);
        }
        double angle = Math.Cos(3 * pos);
        double cx = (pos - MinPosition) * Scale, cy = Clearance + HeightAt(pos) * Scale;
        Shapes.Polygon(canvas, Height, Shapes.Box(-CarWidth / 2, CarWidth / 2, CarHeight, 0), angle, cx, cy, black);
        foreach (double side in new[] { CarWidth / 4, -CarWidth / 4 })
        {
            (double wx, double wy) = Shapes.Rotate((side, 0), angle);
            Shapes.Circle(canvas, Height, cx + wx, cy + wy, CarHeight / 2.5, wheel);
        }
        double fx = (goalPosition - MinPosition) * Scale, fy1 = HeightAt(goalPosition) * Scale, fy2 = fy1 + 50;
        using SKPaint pole = Shapes.Stroke(0, 0, 0, 1);
        Shapes.Line(canvas, Height, fx, fy1, fx, fy2, pole);
        Shapes.Polygon(canvas, Height, [(0, 0), (0, -10), (25, -5)], 0, fx, fy2, flag);
    }
}
