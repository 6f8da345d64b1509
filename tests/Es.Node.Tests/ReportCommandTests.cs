// `es report`: writes report.html for one or several run directories; bad input exits 2 with a message naming it.
using Es.Core.Runs;

namespace Es.Node.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Run(string name, int generations)
    {
        var run = new RunDirectory(_temp.Combine(name));
        for (int g = 0; g < generations; g++)
            run.AppendMetrics(new GenerationMetrics(g, 10 * (g + 1), 100 * (g + 1), g, 1, g + 1, null, 1, 1, 0.01, 0, 0, 1, 0.1, 1000));
        return run.Path;
    }

    [Fact]
    public async Task Report_WritesReportHtmlInTheFirstRunDirectory()
    {
        string a = Run("a", 3), b = Run("b", 4);
        CliResult r = await Cli.RunAsync("report", a, b);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("(2 runs, 7 generations)", r.Stdout, StringComparison.Ordinal);
        string html = File.ReadAllText(Path.Combine(a, "report.html"));
        Assert.Contains("\"name\":\"b\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WritesWhereOutSays()
    {
        string a = Run("a", 2);
        string output = _temp.Combine("elsewhere.html");
        CliResult r = await Cli.RunAsync("report", a, "--out", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(output));
        Assert.False(File.Exists(Path.Combine(a, "report.html")));
    }

    [Fact]
    public async Task Report_OfAKilledRun_SucceedsAndWarnsAboutTheCutLine()
    {
        string a = Run("a", 3);
        File.AppendAllText(Path.Combine(a, RunDirectory.MetricsFile), "{\"generation\":3,");
        CliResult r = await Cli.RunAsync("report", a);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("line 4 is incomplete", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "run directory not found")]
    [InlineData("empty", "has no metrics.jsonl")]
    public async Task Report_RefusesADirectoryWithoutARun(string which, string message)
    {
        if (which == "empty") Directory.CreateDirectory(_temp.Combine(which));
        CliResult r = await Cli.RunAsync("report", _temp.Combine(which));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("es: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_RefusesAnOutInAFolderThatDoesNotExist()
    {
        string a = Run("a", 2);
        CliResult r = await Cli.RunAsync("report", a, "--out", _temp.Combine("no/such/report.html"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("does not exist", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NeedsARunDirectory()
    {
        CliResult r = await Cli.RunAsync("report");
        Assert.True(r.ExitCode == 2, r.ToString());
    }
}
