// Draws one state of an environment, the way Gymnasium's renderer shows it.
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>
/// Draws an environment's internal state (<see cref="Es.Core.Environments.IStatefulEnvironment.GetState"/>)
/// onto a canvas of <see cref="Width"/> × <see cref="Height"/> in the drawer's own pixels, with y down.
/// </summary>
public interface IFrameDrawer
{
    /// <summary>Width of a frame before scaling.</summary>
    int Width { get; }

    /// <summary>Height of a frame before scaling.</summary>
    int Height { get; }

    /// <summary>Frames per second of real time (the environment's time step), for the GIF's frame delay.</summary>
    double FramesPerSecond { get; }

    /// <summary>Draws <paramref name="state"/> on a white canvas.</summary>
    void Draw(SKCanvas canvas, ReadOnlySpan<double> state);

    /// <summary>
    /// Told each action right after the environment took it, before the frame of the state it led to
    /// is drawn, for a drawer that shows what the policy did (the memory task's answer); the state
    /// alone shows it for the others, which ignore it.
    /// </summary>
    void Acted(ReadOnlySpan<float> action)
    {
    }
}
