// metrics.jsonl as the report reads it: a cut last line is dropped and said, damage elsewhere is an error naming the line.
using Es.Core.Runs;
using Es.Viz.Report;

namespace Es.Viz.Tests.Report;

public sealed class MetricsFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Read_ReturnsEveryGenerationInOrder()
    {
        SyntheticRun.Create(_temp.Combine("run"), 7);
        RunMetrics run = MetricsFile.Read(_temp.Combine("run"));
        Assert.Equal("run", run.Name);
        Assert.Equal(Enumerable.Range(0, 7).Select(g => (long)g), run.Generations.Select(g => g.Generation));
        Assert.Null(run.Note);
    }

    [Fact]
    public void Read_DropsALastLineCutShortByACrash_AndSaysSo()
    {
        RunDirectory dir = SyntheticRun.Create(_temp.Combine("run"), 5);
        string path = Path.Combine(dir.Path, RunDirectory.MetricsFile);
        File.AppendAllText(path, "{\"generation\":5,\"episodes\":240,\"timeste");
        RunMetrics run = MetricsFile.Read(dir.Path);
        Assert.Equal(5, run.Generations.Count);
        Assert.Contains("line 6 is incomplete", run.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesADamagedLineBeforeTheLast_NamingFileAndLine()
    {
        RunDirectory dir = SyntheticRun.Create(_temp.Combine("run"), 3);
        string path = Path.Combine(dir.Path, RunDirectory.MetricsFile);
        string[] lines = File.ReadAllLines(path);
        lines[1] = "not json";
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<VizInputException>(() => MetricsFile.Read(dir.Path));
        Assert.Contains(path + ": line 2 is not a metrics object", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AcceptsLinesFromBeforeNodesStragglerAndSigmaFieldsExisted()
    {
        string dir = _temp.Combine("old");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, RunDirectory.MetricsFile),
            "{\"generation\":0,\"episodes\":40,\"timesteps\":900,\"return_mean\":12.5,\"return_std\":1,\"return_max\":20,\"eval_return\":null,"
            + "\"grad_norm\":1,\"param_norm\":2,\"update_ratio\":0.01,\"evaluations_retried\":0,\"nonfinite_returns\":0,\"evaluators\":2,"
            + "\"seconds\":0.4,\"steps_per_second\":2250}\n");
        RunMetrics run = MetricsFile.Read(dir);
        Assert.Equal(12.5, Assert.Single(run.Generations).ReturnMean);
        Assert.Equal(0, run.Generations[0].Nodes);
        Assert.Null(run.Generations[0].Sigma);
    }

    [Fact]
    public void Read_RefusesAMissingDirectoryAndADirectoryWithoutMetrics()
    {
        var missing = Assert.Throws<VizInputException>(() => MetricsFile.Read(_temp.Combine("nope")));
        Assert.Contains("run directory not found", missing.Message, StringComparison.Ordinal);
        Directory.CreateDirectory(_temp.Combine("empty"));
        var empty = Assert.Throws<VizInputException>(() => MetricsFile.Read(_temp.Combine("empty")));
        Assert.Contains("has no metrics.jsonl", empty.Message, StringComparison.Ordinal);
    }
}
