// The pixel games: their 10×10 observation, one colour per channel, scaled up, with a legend.
using Es.Core.Environments;
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>
/// Draws what the policy of a pixel game sees: the observation's channels × 10 × 10 cells, each
/// lit cell a square in its channel's colour on a dark board (later channels of
/// <see cref="PixelPalette.PaintOrder"/> on top), with the channels' names below. It reads the
/// observation (<see cref="IStatefulEnvironment.GetObservation"/>), not the game's bookkeeping, so
/// the picture is exactly the policy's input.
/// </summary>
internal sealed class PixelGameDrawer : IFrameDrawer
{
    private const int CellSize = 44, Margin = 20, Top = 84, Board = PixelGame.Size * CellSize, LegendHeight = 76;
    private readonly PixelGame _game;
    private readonly PixelPalette _palette;
    private readonly float[] _observation;

    /// <summary>Creates a drawer for <paramref name="game"/>, whose spec's shape is channels × 10 × 10.</summary>
    public PixelGameDrawer(PixelGame game)
    {
        _game = game;
        _observation = new float[game.Spec.ObservationSize];
        _palette = PixelPalette.For(game.Spec.Id, game.Spec.ObservationSize / PixelGame.Cells);
    }

    public int Width => 2 * Margin + Board;

    public int Height => Top + Board + LegendHeight;

    // The games have no physical time step; ten steps a second is easy to follow.
    public double FramesPerSecond => 10;

    /// <summary>The x of the centre of <paramref name="column"/>'s cells (for tests).</summary>
    internal static int CellCentreX(int column) => Margin + column * CellSize + CellSize / 2;

    /// <summary>The y of the centre of <paramref name="row"/>'s cells (for tests).</summary>
    internal static int CellCentreY(int row) => Top + row * CellSize + CellSize / 2;

    public void Draw(SKCanvas canvas, ReadOnlySpan<double> state)
    {
        _game.GetObservation(_observation);
        using SKPaint board = Shapes.Fill(24, 26, 32);
        using SKPaint grid = Shapes.Stroke(48, 52, 62, 1);
        canvas.DrawRect(Margin, Top, Board, Board, board);
        for (int i = 1; i < PixelGame.Size; i++)
        {
            canvas.DrawLine(Margin + i * CellSize, Top, Margin + i * CellSize, Top + Board, grid);
            canvas.DrawLine(Margin, Top + i * CellSize, Margin + Board, Top + i * CellSize, grid);
        }
        foreach (int channel in _palette.PaintOrder)
        {
            using SKPaint paint = new() { Color = _palette.Colours[channel], IsAntialias = false, Style = SKPaintStyle.Fill };
            for (int row = 0; row < PixelGame.Size; row++)
                for (int column = 0; column < PixelGame.Size; column++)
                    if (_observation[channel * PixelGame.Cells + row * PixelGame.Size + column] != 0)
                        canvas.DrawRect(Margin + column * CellSize + 3, Top + row * CellSize + 3, CellSize - 6, CellSize - 6, paint);
        }
        // The legend: two channels a row, a swatch and the name.
        for (int channel = 0; channel < _palette.Names.Length; channel++)
        {
            float x = Margin + channel % 2 * (Board / 2f), y = Top + Board + 14 + channel / 2 * 30;
            using SKPaint swatch = Shapes.Fill(_palette.Colours[channel].Red, _palette.Colours[channel].Green, _palette.Colours[channel].Blue);
            using SKPaint rim = Shapes.Stroke(24, 26, 32, 1);
            canvas.DrawRect(x, y, 22, 22, swatch);
            canvas.DrawRect(x, y, 22, 22, rim);
            Shapes.Text(canvas, _palette.Names[channel], x + 32, y + 19, 22, SKColors.Black);
        }
    }
}
