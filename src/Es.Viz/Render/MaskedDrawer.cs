// The masked memory tasks: drawn as the task they wrap, with a line saying what the policy does not see.
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>
/// Draws a masked task (<see cref="Es.Core.Environments.MaskedEnvironment"/>) with its inner task's
/// drawer (the state is the inner task's) and a caption at the bottom naming what is hidden.
/// </summary>
internal sealed class MaskedDrawer(IFrameDrawer inner, string caption) : IFrameDrawer
{
    public int Width => inner.Width;

    public int Height => inner.Height;

    public double FramesPerSecond => inner.FramesPerSecond;

    public void Acted(ReadOnlySpan<float> action) => inner.Acted(action);

    public void Draw(SKCanvas canvas, ReadOnlySpan<double> state)
    {
        inner.Draw(canvas, state);
        Shapes.Text(canvas, caption, 12, Height - 14, 22, new SKColor(90, 90, 90));
    }
}
