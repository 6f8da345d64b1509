// Keeps a run's report.html fresh while it trains: rewritten in the background at most every so often.
using Es.Actors.Hosting;
using Es.Core.Runs;
using Es.Viz.Report;

namespace Es.Node.Output;

/// <summary>
/// Rewrites the report after a generation when the last write is older than the interval. The
/// write runs on the thread pool (observers are called from actor threads and must be quick),
/// and never two at once; a failed write is told as an event and the run goes on.
/// </summary>
internal sealed class ReportRefresher(string runDirectory, string reportPath, TimeSpan interval, Action<string>? onError = null) : IRunObserver
{
    private readonly Lock _gate = new();
    private DateTime _lastWrite = DateTime.MinValue;
    private Task _writing = Task.CompletedTask;

    /// <inheritdoc />
    public void OnGeneration(GenerationMetrics metrics)
    {
        lock (_gate)
        {
            if (!_writing.IsCompleted || DateTime.UtcNow - _lastWrite < interval) return;
            _lastWrite = DateTime.UtcNow;
            _writing = Task.Run(Write);
        }
    }

    /// <inheritdoc />
    public void OnEvent(string message)
    {
    }

    /// <summary>Waits for a write in progress, then writes the report once more (the run has ended).</summary>
    public async Task FinishAsync()
    {
        Task pending;
        lock (_gate) pending = _writing;
        await pending.ConfigureAwait(false);
        Write();
    }

    private void Write()
    {
        try
        {
            ReportPage.Write([runDirectory], reportPath);
        }
        catch (Exception e) when (e is Es.Viz.VizInputException or IOException)
        {
            onError?.Invoke($"report not written: {e.Message}");
        }
    }
}
