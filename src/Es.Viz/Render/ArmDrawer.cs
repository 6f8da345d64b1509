// Arm-v0: the planar arm's links from the origin, its reachable annulus and the red target.
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>Draws the N-link arm (500 × 500); state [q_1..q_N, q̇_1..q̇_N, target x, target y].</summary>
internal sealed class ArmDrawer : IFrameDrawer
{
    private readonly double[] _lengths;
    private readonly double _scale;
    private readonly double _inner;

    /// <summary>Creates a drawer for an arm of the given link lengths and inner radius of its reachable annulus.</summary>
    public ArmDrawer(double[] lengths, double innerRadius, double fps)
    {
        _lengths = lengths;
        _inner = innerRadius;
        _scale = 500 / (2 * 1.1 * lengths.Sum());
        FramesPerSecond = fps;
    }

    public int Width => 500;

    public int Height => 500;

    public double FramesPerSecond { get; }

    public void Draw(SKCanvas canvas, ReadOnlySpan<double> state)
    {
        int n = _lengths.Length;
        double o = Width / 2.0;
        using SKPaint annulus = Shapes.Fill(238, 242, 248);
        using SKPaint white = Shapes.Fill(255, 255, 255);
        using SKPaint rim = Shapes.Stroke(190, 200, 215, 1);
        using SKPaint link = Shapes.Stroke(40, 90, 160, 10);
        link.StrokeCap = SKStrokeCap.Round;
        using SKPaint joint = Shapes.Fill(30, 30, 30);
        using SKPaint target = Shapes.Fill(220, 40, 40);
        Shapes.Circle(canvas, Height, o, o, _lengths.Sum() * _scale, annulus);
        Shapes.Circle(canvas, Height, o, o, _lengths.Sum() * _scale, rim);
        if (_inner > 0)
        {
            Shapes.Circle(canvas, Height, o, o, _inner * _scale, white);
            Shapes.Circle(canvas, Height, o, o, _inner * _scale, rim);
        }
        Shapes.Circle(canvas, Height, o + state[2 * n] * _scale, o + state[2 * n + 1] * _scale, 9, target);
        double x = 0, y = 0, phi = 0;
        for (int i = 0; i < n; i++)
        {
            phi += state[i];
            double nx = x + _lengths[i] * Math.Cos(phi), ny = y + _lengths[i] * Math.Sin(phi);
            Shapes.Line(canvas, Height, o + x * _scale, o + y * _scale, o + nx * _scale, o + ny * _scale, link);
            Shapes.Circle(canvas, Height, o + x * _scale, o + y * _scale, 6, joint);
            (x, y) = (nx, ny);
        }
        Shapes.Circle(canvas, Height, o + x * _scale, o + y * _scale, 4, joint);
    }
}
