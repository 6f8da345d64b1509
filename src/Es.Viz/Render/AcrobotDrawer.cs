// Acrobot-v1 as Gymnasium draws it: two cyan links hanging from the origin, yellow joints, the goal line above.
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>Gymnasium's acrobot renderer (500 × 500, bound 2.2); state [θ1, θ2, θ̇1, θ̇2], θ1 = 0 hanging down.</summary>
internal sealed class AcrobotDrawer : IFrameDrawer
{
    private const double Bound = 2.2;
    private const double Scale = 500 / (Bound * 2);
    private const double Offset = 250;

    public int Width => 500;

    public int Height => 500;

    public double FramesPerSecond => 15;

    public void Draw(SKCanvas canvas, ReadOnlySpan<double> state)
    {
        double s0 = state[0], s1 = state[1];
        // Gymnasium's points, with x and y swapped as its renderer does ([:, ::-1]).
        (double X, double Y)[] joints = [(0, 0), (Math.Sin(s0), -Math.Cos(s0)), (Math.Sin(s0) + Math.Sin(s0 + s1), -Math.Cos(s0) - Math.Cos(s0 + s1))];
        double[] angles = [s0 - Math.PI / 2, s0 + s1 - Math.PI / 2];
        using SKPaint line = Shapes.Stroke(0, 0, 0, 1);
        using SKPaint link = Shapes.Fill(0, 204, 204);
        using SKPaint joint = Shapes.Fill(204, 204, 0);
        Shapes.Line(canvas, Height, -Bound * Scale + Offset, Scale + Offset, Bound * Scale + Offset, Scale + Offset, line);
        for (int i = 0; i < 2; i++)
        {
            double x = joints[i].X * Scale + Offset, y = joints[i].Y * Scale + Offset;
            Shapes.Polygon(canvas, Height, Shapes.Box(0, Scale, 0.1 * Scale, -0.1 * Scale), angles[i], x, y, link);
            Shapes.Circle(canvas, Height, x, y, 0.1 * Scale, joint);
        }
    }
}
