// MuJoCo tasks: the model's geoms (capsules, spheres, boxes, cylinders) at their sizes, in an orthographic projection; not MuJoCo's own renderer.
using Es.MuJoCo;
using Es.MuJoCo.Tasks;
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>
/// Draws a MuJoCo model from its geoms: each capsule, sphere, cylinder, ellipsoid and box where
/// mjData puts it (geom_xpos, geom_xmat) and as large as the model makes it (geom_size), seen in an
/// orthographic projection and painted far to near. Models that stand up (bodies spread in z at the
/// first frame) are seen from the side, turned 20° toward the front and 12° from above, with the
/// camera following the root body's foot point over a floor gridded every half metre; every geom
/// casts a shadow straight down, so a jump or a fall reads at a glance. Flat models (a planar arm)
/// are seen from above, centred on the root body and scaled so that all geoms laid end to end would
/// fit, with Arm26Reach's target in red.
/// Planes are the floor (drawn by the drawer itself); meshes and height fields are a small disc.
/// The positions are those of the last physics substep's start (mj_step computes them before
/// integrating), one substep behind the state: not visible at these frame sizes.
/// </summary>
internal sealed class MuJoCoDrawer(MuJoCoEnvironment environment) : IFrameDrawer
{
    /// <summary>Scale of the side view.</summary>
    internal const double PixelsPerMetre = 180;

    /// <summary>The colour geoms are filled with (shaded by nothing, so a test can find them).</summary>
    internal static readonly SKColor BodyColour = new(76, 114, 176);

    private const double Yaw = 20 * Math.PI / 180, Elevation = 12 * Math.PI / 180;
    private static readonly SKColor Outline = new(32, 48, 80), Shadow = new(0, 0, 0, 46), FloorFill = new(236, 233, 224), FloorGrid = new(200, 196, 184);
    private bool? _sideView;
    private double _topScale, _topX, _topY;
    private double _followU, _followV;

    public int Width => 640;

    public int Height => 640;

    public double FramesPerSecond => 1 / environment.Dt;

    /// <summary>Where the floor under the followed body is drawn (side view).</summary>
    private double FloorY => Height - 110;

    public void Draw(SKCanvas canvas, ReadOnlySpan<double> state)
    {
        MjModel model = environment.Model;
        double[] xpos = environment.Data.Xpos.ToArray();
        int n = model.Nbody;
        _sideView ??= ChooseView(xpos, n);
        if (_sideView.Value)
        {
            // Follow the root body's point on the floor.
            double rx = n > 1 ? xpos[3] : 0, ry = n > 1 ? xpos[4] : 0;
            (_followU, _followV, _) = Rotate(rx, ry, 0);
            DrawFloor(canvas, rx, ry);
        }
        DrawGeoms(canvas, model, shadows: _sideView.Value);
        if (!_sideView.Value && environment is Arm26ReachEnvironment arm)
        {
            (double tx, double ty) = arm.Target;
            (float sx, float sy, _) = Project(tx, ty, 0);
            using SKPaint target = Shapes.Fill(220, 40, 40);
            canvas.DrawCircle(sx, sy, 9, target);
        }
    }

    /// <summary>Screen position and depth (larger is farther) of a world point, for the current view.</summary>
    internal (float X, float Y, double Depth) Project(double x, double y, double z)
    {
        if (_sideView != true)
            return ((float)(Width / 2.0 + (x - _topX) * _topScale), (float)(Height / 2.0 - (y - _topY) * _topScale), -z);
        (double u, double v, double depth) = Rotate(x, y, z);
        return ((float)(Width / 2.0 + (u - _followU) * PixelsPerMetre), (float)(FloorY - (v - _followV) * PixelsPerMetre), depth);
    }

    /// <summary>Pixels per metre of the current view.</summary>
    internal double Scale => _sideView == true ? PixelsPerMetre : _topScale;

    /// <summary>The side view's camera: turned by <see cref="Yaw"/> about z, then tilted down by <see cref="Elevation"/>; (across, up, depth).</summary>
    private static (double U, double V, double Depth) Rotate(double x, double y, double z)
    {
        double u = x * Math.Cos(Yaw) + y * Math.Sin(Yaw);
        double w = -x * Math.Sin(Yaw) + y * Math.Cos(Yaw); // away from the camera, level
        return (u, z * Math.Cos(Elevation) + w * Math.Sin(Elevation), w * Math.Cos(Elevation) - z * Math.Sin(Elevation));
    }

    private void DrawFloor(SKCanvas canvas, double rx, double ry)
    {
        const double reach = 3, step = 0.5, near = -1.5, far = 3;
        double x0 = Math.Floor((rx - reach) / step) * step, x1 = rx + reach;
        double y0 = Math.Floor((ry + near) / step) * step, y1 = ry + far;
        using var floor = new SKPath();
        SKPoint Corner(double x, double y) { (float sx, float sy, _) = Project(x, y, 0); return new SKPoint(sx, sy); }
        floor.MoveTo(Corner(x0, y0));
        floor.LineTo(Corner(x1, y0));
        floor.LineTo(Corner(x1, y1));
        floor.LineTo(Corner(x0, y1));
        floor.Close();
        using SKPaint fill = new() { Color = FloorFill, IsAntialias = true, Style = SKPaintStyle.Fill };
        canvas.DrawPath(floor, fill);
        using SKPaint grid = new() { Color = FloorGrid, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        // Lines across x every half metre show running as the floor sliding by; lines along x show depth.
        for (double x = x0; x <= x1 + 1e-9; x += step) canvas.DrawLine(Corner(x, y0), Corner(x, y1), grid);
        for (double y = y0; y <= y1 + 1e-9; y += step) canvas.DrawLine(Corner(x0, y), Corner(x1, y), grid);
    }

    private void DrawGeoms(SKCanvas canvas, MjModel model, bool shadows)
    {
        int count = model.Ngeom;
        ReadOnlySpan<int> type = model.GeomType;
        ReadOnlySpan<double> size = model.GeomSize;
        double[] gpos = environment.Data.GeomXpos.ToArray();
        double[] gmat = environment.Data.GeomXmat.ToArray();
        var order = new List<(double Depth, int Geom)>(count);
        for (int g = 0; g < count; g++)
        {
            if (type[g] == MjGeomType.Plane) continue;
            order.Add((Project(gpos[3 * g], gpos[3 * g + 1], gpos[3 * g + 2]).Depth, g));
        }
        // Far to near; ties by geom index, so the picture does not depend on the sort.
        order.Sort((a, b) => a.Depth != b.Depth ? b.Depth.CompareTo(a.Depth) : a.Geom.CompareTo(b.Geom));

        if (shadows)
        {
            using SKPaint shadow = new() { Color = Shadow, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round };
            foreach ((_, int g) in order)
            {
                (Vec a, Vec b, double r) = Segment(g, type[g], size, gpos, gmat);
                (float ax, float ay, _) = Project(a.X, a.Y, 0);
                (float bx, float by, _) = Project(b.X, b.Y, 0);
                shadow.StrokeWidth = (float)Math.Max(2, 2 * r * Scale * 0.6);
                canvas.DrawLine(ax, ay, bx, by, shadow);
            }
        }

        using SKPaint edge = new() { Color = Outline, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using SKPaint body = new() { Color = BodyColour, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using SKPaint bodyFill = new() { Color = BodyColour, IsAntialias = true, Style = SKPaintStyle.Fill };
        using SKPaint edgeFill = new() { Color = Outline, IsAntialias = true, Style = SKPaintStyle.Fill };
        foreach ((_, int g) in order)
        {
            if (type[g] == MjGeomType.Box)
            {
                DrawBox(canvas, g, size, gpos, gmat, bodyFill, edge);
                continue;
            }
            (Vec a, Vec b, double r) = Segment(g, type[g], size, gpos, gmat);
            (float ax, float ay, _) = Project(a.X, a.Y, a.Z);
            (float bx, float by, _) = Project(b.X, b.Y, b.Z);
            float width = (float)Math.Max(3, 2 * r * Scale);
            // Capsules and spheres have round ends; a cylinder's ends are flat.
            SKStrokeCap cap = type[g] == MjGeomType.Cylinder ? SKStrokeCap.Butt : SKStrokeCap.Round;
            if (ax == bx && ay == by)
            {
                canvas.DrawCircle(ax, ay, width / 2 + 1.5f, edgeFill);
                canvas.DrawCircle(ax, ay, width / 2, bodyFill);
                continue;
            }
            edge.StrokeCap = body.StrokeCap = cap;
            edge.StrokeWidth = width + 3;
            body.StrokeWidth = width;
            canvas.DrawLine(ax, ay, bx, by, edge);
            canvas.DrawLine(ax, ay, bx, by, body);
        }
    }

    /// <summary>A geom as a segment with a radius: a capsule or cylinder along its z axis, anything round as a point.</summary>
    private static (Vec A, Vec B, double Radius) Segment(int g, int type, ReadOnlySpan<double> size, double[] pos, double[] mat)
    {
        var centre = new Vec(pos[3 * g], pos[3 * g + 1], pos[3 * g + 2]);
        switch (type)
        {
            case MjGeomType.Capsule or MjGeomType.Cylinder:
            {
                // The geom's z axis is the third column of its row-major rotation.
                double h = size[3 * g + 1];
                var axis = new Vec(mat[9 * g + 2], mat[9 * g + 5], mat[9 * g + 8]);
                return (centre - h * axis, centre + h * axis, size[3 * g]);
            }
            case MjGeomType.Sphere:
                return (centre, centre, size[3 * g]);
            case MjGeomType.Ellipsoid:
            case MjGeomType.Box:
                return (centre, centre, (size[3 * g] + size[3 * g + 1] + size[3 * g + 2]) / 3);
            default:
                return (centre, centre, 0.02);
        }
    }

    /// <summary>A box as the outline of its eight projected corners (their convex hull).</summary>
    private void DrawBox(SKCanvas canvas, int g, ReadOnlySpan<double> size, double[] pos, double[] mat, SKPaint fill, SKPaint edge)
    {
        var corners = new List<SKPoint>(8);
        for (int c = 0; c < 8; c++)
        {
            double lx = (c & 1) == 0 ? -size[3 * g] : size[3 * g], ly = (c & 2) == 0 ? -size[3 * g + 1] : size[3 * g + 1], lz = (c & 4) == 0 ? -size[3 * g + 2] : size[3 * g + 2];
            double wx = pos[3 * g] + mat[9 * g] * lx + mat[9 * g + 1] * ly + mat[9 * g + 2] * lz;
            double wy = pos[3 * g + 1] + mat[9 * g + 3] * lx + mat[9 * g + 4] * ly + mat[9 * g + 5] * lz;
            double wz = pos[3 * g + 2] + mat[9 * g + 6] * lx + mat[9 * g + 7] * ly + mat[9 * g + 8] * lz;
            (float sx, float sy, _) = Project(wx, wy, wz);
            corners.Add(new SKPoint(sx, sy));
        }
        List<SKPoint> hull = Hull(corners);
        using var path = new SKPath();
        path.AddPoly(hull.ToArray(), close: true);
        edge.StrokeWidth = 1.5f;
        canvas.DrawPath(path, fill);
        canvas.DrawPath(path, edge);
    }

    /// <summary>Andrew's monotone chain.</summary>
    private static List<SKPoint> Hull(List<SKPoint> points)
    {
        points.Sort((a, b) => a.X != b.X ? a.X.CompareTo(b.X) : a.Y.CompareTo(b.Y));
        static float Cross(SKPoint o, SKPoint a, SKPoint b) => (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);
        var hull = new List<SKPoint>();
        for (int pass = 0; pass < 2; pass++)
        {
            int start = hull.Count;
            foreach (SKPoint p in pass == 0 ? points : Enumerable.Reverse(points))
            {
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0) hull.RemoveAt(hull.Count - 1);
                hull.Add(p);
            }
            hull.RemoveAt(hull.Count - 1);
        }
        return hull;
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
        // Centred on the root body; the geoms laid end to end (an upper bound of a chain's reach) would span 3/4 of the frame's width
        // from the centre, a real chain less (Arm26Reach: 1.0 m of 1.7 m, 290 of the 320 pixels to the edge).
        _topX = n > 1 ? xpos[3] : 0;
        _topY = n > 1 ? xpos[4] : 0;
        MjModel model = environment.Model;
        ReadOnlySpan<int> type = model.GeomType;
        ReadOnlySpan<double> size = model.GeomSize;
        double reach = 0;
        for (int g = 0; g < model.Ngeom; g++)
            if (type[g] != MjGeomType.Plane)
                reach += type[g] is MjGeomType.Capsule or MjGeomType.Cylinder ? 2 * (size[3 * g + 1] + size[3 * g]) : 2 * Math.Max(size[3 * g], Math.Max(size[3 * g + 1], size[3 * g + 2]));
        _topScale = 0.75 * Width / Math.Max(reach, 0.05);
        return false;
    }

    private readonly record struct Vec(double X, double Y, double Z)
    {
        public static Vec operator +(Vec a, Vec b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

        public static Vec operator -(Vec a, Vec b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

        public static Vec operator *(double s, Vec a) => new(s * a.X, s * a.Y, s * a.Z);
    }
}
