// The built `es` as a process: train CartPole to its goal, evaluate the final checkpoint, and refuse a malformed config.
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Es.Node.Tests;

public sealed class EndToEndTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Train_ReachesTheCartPoleGoal_ThenEvalOf100EpisodesMeansAtLeast475()
    {
        string runDir = _temp.Combine("cartpole");
        CliResult train = await EsProcess.RunAsync(_temp.Path, Timeout, "train", "--config", TestFiles.Config("cartpole-goal.conf"), "--run-dir", runDir);
        output.WriteLine(train.ToString());
        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("stopped: goal reached", train.Stdout, StringComparison.Ordinal);
        string final = Path.Combine(runDir, "final.ckpt");
        Assert.True(File.Exists(final));
        Assert.True(File.Exists(Path.Combine(runDir, "config.conf")));
        Assert.True(File.Exists(Path.Combine(runDir, "metrics.jsonl")));

        CliResult eval = await EsProcess.RunAsync(_temp.Path, Timeout, "eval", "--checkpoint", final, "--episodes", "100");
        output.WriteLine(eval.ToString());
        Assert.True(eval.ExitCode == 0, eval.ToString());
        using JsonDocument doc = JsonDocument.Parse(eval.Stdout);
        Assert.Equal(100, doc.RootElement.GetProperty("episodes").GetInt32());
        double mean = doc.RootElement.GetProperty("mean").GetDouble();
        Assert.True(mean >= 475, $"mean over 100 evaluation episodes is {mean}, below 475");
    }

    [Fact]
    public async Task MalformedConfig_Exits2_WithFileLineColumnAndKey()
    {
        string config = _temp.Write("broken.conf", "es {\n  run.seed = 3\n  strategy.population = forty\n}\n");
        string runDir = _temp.Combine("never");
        CliResult r = await EsProcess.RunAsync(_temp.Path, Timeout, "train", "--config", config, "--run-dir", runDir);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Matches("^es: " + Regex.Escape(config) + @":3:\d+: es\.strategy\.population: ", r.Stderr);
        Assert.False(Directory.Exists(runDir));
        Assert.Equal(string.Empty, r.Stdout);
    }
}
