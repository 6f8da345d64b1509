// es train keeps report.html fresh: rewritten in the background after generations, and once more when the run ends.
using Es.Core.Runs;
using Es.Node.Output;

namespace Es.Node.Tests;

public sealed class ReportRefresherTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static GenerationMetrics Line(int g) => new(g, 10 * (g + 1), 100 * (g + 1), g, 1, g + 1, null, 1, 1, 0.01, 0, 0, 1, 0.1, 1000);

    [Fact]
    public async Task Refresher_RewritesTheReportWhileTheRunGoes_AndAtItsEnd()
    {
        var run = new RunDirectory(_temp.Combine("run"));
        string report = Path.Combine(run.Path, "report.html");
        var refresher = new ReportRefresher(run.Path, report, TimeSpan.Zero);

        run.AppendMetrics(Line(0));
        refresher.OnGeneration(Line(0));
        for (int i = 0; i < 100 && !File.Exists(report); i++) await Task.Delay(50);
        Assert.True(File.Exists(report), "no report was written after the first generation");

        run.AppendMetrics(Line(1));
        run.AppendMetrics(Line(2));
        await refresher.FinishAsync();
        Assert.Contains("\"generation\":2,", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresher_WaitsForItsInterval()
    {
        var run = new RunDirectory(_temp.Combine("run"));
        string report = Path.Combine(run.Path, "report.html");
        var refresher = new ReportRefresher(run.Path, report, TimeSpan.FromHours(1));
        run.AppendMetrics(Line(0));
        refresher.OnGeneration(Line(0));
        await refresher.FinishAsync();
        File.Delete(report);
        // The first write counted as the interval's; a second generation within the hour writes nothing.
        run.AppendMetrics(Line(1));
        refresher.OnGeneration(Line(1));
        await Task.Delay(300);
        Assert.False(File.Exists(report), "the report was rewritten before its interval");
    }

    [Fact]
    public async Task Refresher_SaysWhenTheReportCannotBeWritten_AndTheRunGoesOn()
    {
        var run = new RunDirectory(_temp.Combine("run"));
        run.AppendMetrics(Line(0));
        var messages = new List<string>();
        var refresher = new ReportRefresher(run.Path, _temp.Combine("no/such/folder/report.html"), TimeSpan.Zero, messages.Add);
        await refresher.FinishAsync();
        Assert.Contains(messages, m => m.StartsWith("report not written: ", StringComparison.Ordinal));
    }
}
