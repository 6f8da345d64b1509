// Progress as one line per generation, for logs, pipes and --plain.
using System.Diagnostics;
using Es.Actors.Hosting;
using Es.Core.Runs;

namespace Es.Node.Output;

/// <summary>Writes a line per generation and per event; thread-safe because runs report from their own threads.</summary>
internal sealed class PlainProgress(TextWriter output) : IRunObserver
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <inheritdoc />
    public void OnGeneration(GenerationMetrics metrics)
    {
        lock (_gate)
        {
            output.WriteLine(ProgressFormat.Line(metrics, _clock.Elapsed));
            output.Flush();
        }
    }

    /// <inheritdoc />
    public void OnEvent(string message)
    {
        lock (_gate)
        {
            output.WriteLine("  " + message);
            output.Flush();
        }
    }
}
