// MuJoCo tasks: a projection of the bodies (their frames as joints, each joined to its parent), not MuJoCo's own renderer.
using Es.MuJoCo;
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>
/// Draws a MuJoCo model as a stick figure: every body's origin (mjData.xpos) is a disc sized by
/// its mass, joined to its parent's. Models that stand up (bodies spread in z at the first frame)
/// are seen from the side, slightly from the front (horizontal x + 0.4·y, vertical z), with the
/// camera following the root body over a floor marked every half metre; flat models (a planar
/// arm) are seen from above, centred and scaled on their first frame. The positions are
/// those of the last physics substep's start (mj_step computes them before integrating), one
/// substep behind the state: not visible at these frame sizes.
/// </summary>
internal sealed class MuJoCoDrawer(MuJoCoEnvironment environment) : IFrameDrawer
{
    private const double PixelsPerMetre = 180;
    private bool? _sideView;
    private double _topScale, _topX, _topY;

    public int Width => 640;

    public int Height => 640;

    public double FramesPerSecond => 1 / environment.Dt;

    public void Draw(SKCanvas canvas, ReadOnlySpan<double> state)
    {
        MjModel model = environment.Model;
        double[] xpos = environment.Data.Xpos.ToArray();
        ReadOnlySpan<int> parent = model.BodyParentId;
        ReadOnlySpan<double> mass = model.BodyMass;
        int n = model.Nbody;
        double heaviest = 0;
        for (int b = 1; b < n; b++) heaviest = Math.Max(heaviest, mass[b]);
        _sideView ??= ChooseView(xpos, n);
        double followX = n > 1 ? Horizontal(xpos, 1) : 0;
        double floorY = Height - 60;
        bool side = _sideView.Value;
        (double X, double Y) Screen(int b) => side
            ? (Width / 2.0 + (Horizontal(xpos, b) - followX) * PixelsPerMetre, floorY - xpos[3 * b + 2] * PixelsPerMetre)
            : (Width / 2.0 + (xpos[3 * b] - _topX) * _topScale, Height / 2.0 - (xpos[3 * b + 1] - _topY) * _topScale);

        if (side)
        {
            using SKPaint floor = Shapes.Stroke(90, 90, 90, 2);
            using SKPaint tick = Shapes.Stroke(160, 160, 160, 1);
            canvas.DrawLine(0, (float)floorY, Width, (float)floorY, floor);
            // Ticks every half metre of x, so running shows as the floor sliding by.
            double first = Math.Floor((followX - Width / 2.0 / PixelsPerMetre) * 2) / 2;
            for (double x = first; x < followX + Width / 2.0 / PixelsPerMetre; x += 0.5)
            {
                float sx = (float)(Width / 2.0 + (x - followX) * PixelsPerMetre);
                canvas.DrawLine(sx, (float)floorY, sx - 8, (float)floorY + 12, tick);
            }
        }
        using SKPaint bone = Shapes.Stroke(60, 90, 150, 7);
        bone.StrokeCap = SKStrokeCap.Round;
        using SKPaint joint = Shapes.Fill(200, 80, 60);
        for (int b = 1; b < n; b++)
        {
            if (parent[b] == 0) continue;
            (double x0, double y0) = Screen(parent[b]);
            (double x1, double y1) = Screen(b);
            canvas.DrawLine((float)x0, (float)y0, (float)x1, (float)y1, bone);
        }
        for (int b = 1; b < n; b++)
        {
            (double x, double y) = Screen(b);
            double r = 3 + 7 * Math.Cbrt(heaviest > 0 ? mass[b] / heaviest : 0);
            canvas.DrawCircle((float)x, (float)y, (float)r, joint);
        }
    }

    /// <summary>Side view when the bodies spread in z; otherwise sets the top view's centre and scale from this frame.</summary>
    private bool ChooseView(double[] xpos, int n)
    {
        double Range(int axis)
        {
            double lo = double.MaxValue, hi = double.MinValue;
            for (int b = 1; b < n; b++) { lo = Math.Min(lo, xpos[3 * b + axis]); hi = Math.Max(hi, xpos[3 * b + axis]); }
            return n > 1 ? hi - lo : 0;
        }
        double x = Range(0), y = Range(1), z = Range(2);
        if (z >= 0.25 * Math.Max(x, y)) return true;
        for (int b = 1; b < n; b++) { _topX += xpos[3 * b] / (n - 1); _topY += xpos[3 * b + 1] / (n - 1); }
        _topScale = 0.3 * Width / Math.Max(Math.Max(x, y), 0.05);
        return false;
    }

    private static double Horizontal(double[] xpos, int b) => xpos[3 * b] + 0.4 * xpos[3 * b + 1];
}
