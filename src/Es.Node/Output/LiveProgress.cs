// Progress as a live Spectre.Console table on a terminal: the latest generations, the last event, how to stop.
using System.Diagnostics;
using System.Globalization;
using Es.Actors.Hosting;
using Es.Core.Runs;
using Spectre.Console;

namespace Es.Node.Output;

/// <summary>
/// Collects progress from the run's threads and redraws a table a few times a second from the
/// command's thread, so the run never waits on the terminal.
/// </summary>
internal sealed class LiveProgress : IRunObserver
{
    private const int Rows = 12;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Queue<(GenerationMetrics Metrics, TimeSpan Elapsed)> _recent = new();
    private string? _lastEvent;

    /// <inheritdoc />
    public void OnGeneration(GenerationMetrics metrics)
    {
        lock (_gate)
        {
            _recent.Enqueue((metrics, _clock.Elapsed));
            while (_recent.Count > Rows) _recent.Dequeue();
        }
    }

    /// <inheritdoc />
    public void OnEvent(string message)
    {
        lock (_gate) _lastEvent = message;
    }

    /// <summary>Draws the table until <paramref name="run"/> completes, then leaves its last state on screen.</summary>
    public async Task ShowAsync(IAnsiConsole console, Task run, CancellationToken interrupt)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("gen", "timesteps", "return mean", "return max", "eval", "steps/s", "elapsed");
        foreach (TableColumn column in table.Columns) column.RightAligned();
        await console.Live(table).AutoClear(false).StartAsync(async live =>
        {
            while (!run.IsCompleted)
            {
                Fill(table, interrupt.IsCancellationRequested);
                live.Refresh();
                await Task.WhenAny(run, Task.Delay(RefreshInterval, CancellationToken.None)).ConfigureAwait(false);
            }
            Fill(table, interrupt.IsCancellationRequested);
            live.Refresh();
        }).ConfigureAwait(false);
    }

    private void Fill(Table table, bool stopping)
    {
        lock (_gate)
        {
            table.Rows.Clear();
            foreach (var (m, elapsed) in _recent)
            {
                table.AddRow(
                    m.Generation.ToString(CultureInfo.InvariantCulture),
                    m.Timesteps.ToString("N0", CultureInfo.InvariantCulture),
                    ProgressFormat.Number(m.ReturnMean),
                    ProgressFormat.Number(m.ReturnMax),
                    ProgressFormat.Evaluation(m),
                    m.StepsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                    ProgressFormat.Elapsed(elapsed));
            }
            string status = stopping
                ? "[yellow]stopping: finishing this generation and writing the final checkpoint (Ctrl-C again quits at once)[/]"
                : "[grey]Ctrl-C stops the run and writes a final checkpoint[/]";
            string last = _lastEvent is null ? string.Empty : "\n[grey]" + Markup.Escape(_lastEvent) + "[/]";
            table.Caption(status + last);
        }
    }
}
