// What the pixel-game and memory-task frames show: the policy's own observation cell by cell, and the memory task's answer judged.
using Es.Core.Environments;
using Es.Viz.Render;
using SkiaSharp;

namespace Es.Viz.Tests.Render;

public sealed class PixelAndMemoryDrawerTests
{
    private static SKBitmap Draw(IFrameDrawer drawer, IStatefulEnvironment env)
    {
        var bitmap = new SKBitmap(new SKImageInfo(drawer.Width, drawer.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        var state = new double[env.StateSize];
        env.GetState(state);
        drawer.Draw(canvas, state);
        return bitmap;
    }

    [Theory]
    [InlineData("PixelBreakout-v0")]
    [InlineData("PixelInvaders-v0")]
    [InlineData("PixelFreeway-v0")]
    public void PixelFrame_LightsExactlyTheObservedCells_InTheirChannelsColours(string id)
    {
        var game = (PixelGame)EnvironmentRegistry.Create(id);
        var observation = new float[game.Spec.ObservationSize];
        game.Reset(11, observation);
        var action = new float[1];
        for (int i = 0; i < 3; i++) game.Step(action, observation);
        var drawer = (PixelGameDrawer)FrameDrawers.For(game);
        using SKBitmap frame = Draw(drawer, game);
        PixelPalette palette = PixelPalette.For(id, observation.Length / PixelGame.Cells);

        int lit = 0;
        for (int row = 0; row < PixelGame.Size; row++)
            for (int column = 0; column < PixelGame.Size; column++)
            {
                SKColor pixel = frame.GetPixel(PixelGameDrawer.CellCentreX(column), PixelGameDrawer.CellCentreY(row));
                // The channel painted last among those lit here is the one on top.
                int? top = null;
                foreach (int channel in palette.PaintOrder)
                    if (observation[channel * PixelGame.Cells + row * PixelGame.Size + column] != 0) top = channel;
                if (top is { } c)
                {
                    lit++;
                    Assert.True(pixel == palette.Colours[c], $"{id}: cell ({row}, {column}) shows {palette.Names[c]} but is drawn {pixel}");
                }
                else
                {
                    Assert.True(palette.Colours.All(colour => colour != pixel), $"{id}: cell ({row}, {column}) is empty but is drawn {pixel}");
                }
            }
        Assert.True(lit >= 3, $"{id}: only {lit} lit cells in the observation");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CueMemoryFrame_ShowsTheAnswer_GreenWhenItNamesTheCue_RedWhenNot(bool right)
    {
        var env = new CueMemoryEnvironment();
        var observation = new float[3];
        env.Reset(5, observation);
        int cue = observation[0] != 0 ? 0 : 1;
        var drawer = (CueMemoryDrawer)FrameDrawers.For(env);
        using (SKBitmap start = Draw(drawer, env))
            Assert.Equal((0, 0), (ArrowPixels(start, CueMemoryDrawer.RightAnswer), ArrowPixels(start, CueMemoryDrawer.WrongAnswer)));

        var action = new[] { 0f };
        StepResult result = default;
        while (env.ElapsedSteps <= CueMemoryEnvironment.Delay)
        {
            action[0] = env.ElapsedSteps == CueMemoryEnvironment.Delay ? (right ? cue : 1 - cue) : 0;
            result = env.Step(action, observation);
            drawer.Acted(action);
        }
        Assert.Equal(right ? 1 : -1, result.Reward);
        using SKBitmap end = Draw(drawer, env);
        SKColor expected = right ? CueMemoryDrawer.RightAnswer : CueMemoryDrawer.WrongAnswer;
        SKColor other = right ? CueMemoryDrawer.WrongAnswer : CueMemoryDrawer.RightAnswer;
        Assert.True(ArrowPixels(end, expected) > 200, $"the {(right ? "right" : "wrong")} answer's arrow is not drawn in its colour ({ArrowPixels(end, expected)} pixels)");
        Assert.Equal(0, ArrowPixels(end, other));

        // The next episode starts without an answer.
        env.Reset(6, observation);
        using SKBitmap again = Draw(drawer, env);
        Assert.Equal(0, ArrowPixels(again, expected));
    }

    private static int ArrowPixels(SKBitmap bitmap, SKColor colour)
    {
        int n = 0;
        SKRectI area = CueMemoryDrawer.ArrowArea;
        for (int y = area.Top; y < area.Bottom; y++)
            for (int x = area.Left; x < area.Right; x++)
                if (bitmap.GetPixel(x, y) == colour) n++;
        return n;
    }
}
