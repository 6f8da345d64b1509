// CueMemory-v0: the cue, the blank delay, the go signal and the answer, on a timeline of the episode's steps.
using Es.Core.Environments;
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>
/// Draws the memory task as a timeline of its <see cref="CueMemoryEnvironment.Delay"/> + 1 steps:
/// the cue in the first cell (blue for left, orange for right), the go signal in the last, the steps
/// taken shaded and the current one framed; below, the three observation values the policy sees
/// now (lit when 1), and once the go step is answered, the answer: an arrow to the side chosen,
/// green when it names the cue, red when not. State [cue (0 left, 1 right)].
/// </summary>
internal sealed class CueMemoryDrawer(CueMemoryEnvironment environment) : IFrameDrawer
{
    private const int Cells = CueMemoryEnvironment.Delay + 1, CellSize = 26, Left = 27, TimelineTop = 96;
    private static readonly SKColor LeftColour = new(66, 135, 245), RightColour = new(240, 150, 40), GoColour = new(60, 170, 90);
    private readonly float[] _observation = new float[3];

    /// <summary>The colour of an answer that names the cue.</summary>
    internal static readonly SKColor RightAnswer = new(40, 150, 60);

    /// <summary>The colour of an answer that does not.</summary>
    internal static readonly SKColor WrongAnswer = new(210, 50, 50);

    /// <summary>Where the answer's arrow is drawn (for tests).</summary>
    internal static readonly SKRectI ArrowArea = new(370, 240, 510, 290);
    private int? _answer;

    public int Width => 600;

    public int Height => 320;

    public double FramesPerSecond => 5;

    public void Acted(ReadOnlySpan<float> action)
    {
        // The step just taken was the go step: its action is the answer.
        if (environment.ElapsedSteps == CueMemoryEnvironment.Delay + 1) _answer = (int)action[0];
    }

    public void Draw(SKCanvas canvas, ReadOnlySpan<double> state)
    {
        int step = environment.ElapsedSteps;
        if (step == 0) _answer = null;
        int cue = (int)state[0];
        environment.GetObservation(_observation);

        using SKPaint past = Shapes.Fill(215, 218, 224);
        using SKPaint rim = Shapes.Stroke(150, 155, 165, 1);
        using SKPaint current = Shapes.Stroke(0, 0, 0, 4);
        using SKPaint cueFill = Shapes.Fill(Colour(cue).Red, Colour(cue).Green, Colour(cue).Blue);
        using SKPaint goRim = Shapes.Stroke(GoColour.Red, GoColour.Green, GoColour.Blue, 4);
        for (int i = 0; i < Cells; i++)
        {
            var cell = new SKRect(Left + i * CellSize, TimelineTop, Left + (i + 1) * CellSize, TimelineTop + CellSize * 2);
            if (i == 0) canvas.DrawRect(cell, cueFill);
            else if (i < step) canvas.DrawRect(cell, past);
            canvas.DrawRect(cell, rim);
        }
        var go = new SKRect(Left + (Cells - 1) * CellSize + 2, TimelineTop + 2, Left + Cells * CellSize - 2, TimelineTop + CellSize * 2 - 2);
        canvas.DrawRect(go, goRim);
        if (step < Cells)
            canvas.DrawRect(new SKRect(Left + step * CellSize, TimelineTop, Left + (step + 1) * CellSize, TimelineTop + CellSize * 2), current);
        Shapes.Text(canvas, cue == 0 ? "cue: left" : "cue: right", Left, TimelineTop + CellSize * 2 + 28, 22, SKColors.Black);
        Shapes.Text(canvas, "go", Left + (Cells - 1) * CellSize - 2, TimelineTop + CellSize * 2 + 28, 22, SKColors.Black);

        // What the policy sees at this step: [cue left, cue right, go].
        string[] names = ["left", "right", "go"];
        SKColor[] lit = [LeftColour, RightColour, GoColour];
        Shapes.Text(canvas, "the policy sees", Left, 236, 20, new SKColor(90, 90, 90));
        for (int i = 0; i < 3; i++)
        {
            float x = Left + 20 + i * 80;
            SKColor c = _observation[i] != 0 ? lit[i] : new SKColor(225, 228, 232);
            using SKPaint lamp = Shapes.Fill(c.Red, c.Green, c.Blue);
            canvas.DrawCircle(x, 268, 16, lamp);
            canvas.DrawCircle(x, 268, 16, rim);
            Shapes.Text(canvas, names[i], x - 18, 308, 18, SKColors.Black);
        }

        if (_answer is { } answer)
        {
            bool right = answer == cue;
            SKColor colour = right ? RightAnswer : WrongAnswer;
            using SKPaint arrow = Shapes.Stroke(colour.Red, colour.Green, colour.Blue, 10);
            arrow.StrokeCap = SKStrokeCap.Round;
            float cx = ArrowArea.MidX, cy = ArrowArea.MidY, half = 56, dir = answer == 0 ? -1 : 1;
            canvas.DrawLine(cx - dir * half, cy, cx + dir * half, cy, arrow);
            canvas.DrawLine(cx + dir * half, cy, cx + dir * (half - 24), cy - 22, arrow);
            canvas.DrawLine(cx + dir * half, cy, cx + dir * (half - 24), cy + 22, arrow);
            Shapes.Text(canvas, $"answer: {(answer == 0 ? "left" : "right")}: {(right ? "correct" : "wrong")}", 340, 236, 20, colour);
        }
        else
        {
            Shapes.Text(canvas, step <= CueMemoryEnvironment.Delay ? "answer: at the go step" : "no answer", 340, 236, 20, new SKColor(90, 90, 90));
        }
    }

    private static SKColor Colour(int side) => side == 0 ? LeftColour : RightColour;
}
