// Pendulum-v1 as Gymnasium draws it: a red rod about a black axle, upright at θ = 0.
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>Gymnasium's pendulum renderer (500 × 500, bound 2.2); state [θ, θ̇].</summary>
internal sealed class PendulumDrawer : IFrameDrawer
{
    private const double Bound = 2.2;
    private const double Scale = 500 / (Bound * 2);
    private const double Offset = 250, RodLength = Scale, RodWidth = 0.2 * Scale;

    public int Width => 500;

    public int Height => 500;

    public double FramesPerSecond => 30;

    public void Draw(SKCanvas canvas, ReadOnlySpan<double> state)
    {
        double angle = state[0] + Math.PI / 2;
        using SKPaint rod = Shapes.Fill(204, 77, 77);
        using SKPaint black = Shapes.Fill(0, 0, 0);
        Shapes.Polygon(canvas, Height, Shapes.Box(0, RodLength, RodWidth / 2, -RodWidth / 2), angle, Offset, Offset, rod);
        Shapes.Circle(canvas, Height, Offset, Offset, RodWidth / 2, rod);
        (double ex, double ey) = Shapes.Rotate((RodLength, 0), angle);
        Shapes.Circle(canvas, Height, Offset + ex, Offset + ey, RodWidth / 2, rod);
        Shapes.Circle(canvas, Height, Offset, Offset, 0.05 * Scale, black);
    }
}
