// How each pixel game's channels look in es render: a name and a colour per channel, and the order they are painted in.
using Es.Core.Environments;
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>
/// The look of a pixel game's observation channels: <see cref="Names"/> and <see cref="Colours"/>
/// are per channel (as the game's documentation lists them); <see cref="PaintOrder"/> paints trails
/// and backgrounds first, so a moving object is never hidden by what it leaves behind.
/// </summary>
internal sealed record PixelPalette(string[] Names, SKColor[] Colours, int[] PaintOrder)
{
    private static readonly SKColor[] Fallback =
    [
        new(66, 135, 245), new(240, 200, 60), new(230, 90, 80), new(110, 200, 120), new(180, 120, 230), new(240, 150, 60),
    ];

    /// <summary>The palette of the game <paramref name="id"/>; a game without one gets numbered channels in distinct colours.</summary>
    public static PixelPalette For(string id, int channels) => id switch
    {
        BreakoutEnvironment.EnvironmentId => new(
            ["paddle", "ball", "trail", "brick"],
            [new(66, 135, 245), new(245, 245, 245), new(110, 110, 120), new(230, 120, 40)],
            [3, 2, 0, 1]),
        InvadersEnvironment.EnvironmentId => new(
            ["cannon", "alien", "cannon bullet", "alien bullet"],
            [new(80, 200, 120), new(170, 110, 230), new(250, 230, 90), new(240, 80, 80)],
            [1, 0, 2, 3]),
        FreewayEnvironment.EnvironmentId => new(
            ["chicken", "car", "trail"],
            [new(250, 220, 60), new(80, 160, 240), new(60, 80, 110)],
            [2, 1, 0]),
        _ => new(
            Enumerable.Range(0, channels).Select(c => $"channel {c}").ToArray(),
            Enumerable.Range(0, channels).Select(c => Fallback[c % Fallback.Length]).ToArray(),
            Enumerable.Range(0, channels).ToArray()),
    };
}
