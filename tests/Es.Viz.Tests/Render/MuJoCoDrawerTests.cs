// The MuJoCo frames: geoms drawn at their model sizes where MuJoCo puts them, a floor under a standing body, the reach target.
using Es.Core.Environments;
using Es.MuJoCo;
using Es.MuJoCo.Tasks;
using Es.Viz.Render;
using SkiaSharp;

namespace Es.Viz.Tests.Render;

public sealed class MuJoCoDrawerTests
{
    private static (MuJoCoDrawer Drawer, SKBitmap Frame) DrawStart(MuJoCoEnvironment env)
    {
        env.Reset(3, new float[env.Spec.ObservationSize]);
        var drawer = (MuJoCoDrawer)FrameDrawers.For(env);
        var frame = new SKBitmap(new SKImageInfo(drawer.Width, drawer.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(frame);
        canvas.Clear(SKColors.White);
        var state = new double[env.StateSize];
        env.GetState(state);
        drawer.Draw(canvas, state);
        return (drawer, frame);
    }

    /// <summary>Pixels of the body colour in a row, left and right of (x, y) without a gap.</summary>
    private static int RunWidth(SKBitmap frame, int x, int y)
    {
        int left = x, right = x;
        while (left > 0 && frame.GetPixel(left - 1, y) == MuJoCoDrawer.BodyColour) left--;
        while (right < frame.Width - 1 && frame.GetPixel(right + 1, y) == MuJoCoDrawer.BodyColour) right++;
        return right - left + 1;
    }

    [Fact]
    public void Humanoid_HeadIsDrawnAsItsSphere_AtItsPlaceAndSize_OverAFloor()
    {
        using var env = new HumanoidEnvironment();
        (MuJoCoDrawer drawer, SKBitmap frame) = DrawStart(env);
        using (frame)
        {
            MjModel model = env.Model;
            int head = model.BodyId("head");
            int geom = Enumerable.Range(0, model.Ngeom).Single(g => model.GeomBodyId[g] == head);
            Assert.Equal(MjGeomType.Sphere, model.GeomType[geom]);
            ReadOnlySpan<double> at = env.Data.GeomXpos.Slice(3 * geom, 3);
            (float x, float y, _) = drawer.Project(at[0], at[1], at[2]);
            Assert.True(frame.GetPixel((int)x, (int)y) == MuJoCoDrawer.BodyColour, $"the head's centre ({x:F0}, {y:F0}) is not drawn in the body colour");
            // A radius of 0.09 m at 180 px/m: 32.4 px across, less the antialiased rim.
            double expected = 2 * model.GeomSize[3 * geom] * MuJoCoDrawer.PixelsPerMetre;
            Assert.InRange(RunWidth(frame, (int)x, (int)y), expected - 3, expected + 1);

            // The floor is under the body: the point of the floor below the torso, and 1 m to either side, are floor, not background.
            for (double dx = -1; dx <= 1; dx += 1)
            {
                (float fx, float fy, _) = drawer.Project(env.Data.Xpos[3] + dx, env.Data.Xpos[4] + 0.6, 0);
                Assert.True(frame.GetPixel((int)fx, (int)fy) != SKColors.White, $"no floor at ({fx:F0}, {fy:F0})");
            }
        }
    }

    [Fact]
    public void Arm26Reach_IsSeenFromAbove_WithItsForearmAtItsWidth_AndTheTargetInRed()
    {
        using var env = new Arm26ReachEnvironment();
        (MuJoCoDrawer drawer, SKBitmap frame) = DrawStart(env);
        using (frame)
        {
            (double tx, double ty) = env.Target;
            (float x, float y, _) = drawer.Project(tx, ty, 0);
            SKColor target = frame.GetPixel((int)x, (int)y);
            Assert.True(target.Red > 200 && target.Green < 80 && target.Blue < 80, $"the target at ({x:F0}, {y:F0}) is drawn {target}");

            // The hand (the forearm's end) is inside the frame, and the forearm's middle is body colour.
            (double hx, double hy) = env.Hand;
            (float px, float py, _) = drawer.Project(hx, hy, 0);
            Assert.InRange(px, 0, drawer.Width - 1);
            Assert.InRange(py, 0, drawer.Height - 1);
            (float ex, float ey, _) = drawer.Project(env.Data.Xpos[6], env.Data.Xpos[7], 0);
            Assert.True(frame.GetPixel((int)((ex + px) / 2), (int)((ey + py) / 2)) == MuJoCoDrawer.BodyColour, "the forearm's middle is not drawn");
        }
    }
}
