// `es compare` runs each (strategy, seed) with one budget and writes the table; bad input is refused before any run.
using System.Text.Json;

namespace Es.Node.Tests;

public sealed class CompareCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string CartPole() => Path.Combine(TestFiles.RepositoryRoot(), "hocon", "tasks", "cartpole.conf");

    [Fact]
    public async Task Compare_Should_RunEveryStrategyAndSeed_AndWriteTheTableAndOneJsonLinePerRun()
    {
        string output = _dir.Combine("cmp");
        CliResult r = await Cli.RunAsync("compare", "--config", CartPole(), "--strategies", "openai-es", "--seeds", "2",
            "--set", "es.run.max-generations=3", "--set", "es.evaluation.episodes=3", "--evaluators", "1", "--out", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("| openai-es | 1 |", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("| openai-es | 2 |", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(r.Stdout[r.Stdout.IndexOf("| strategy", StringComparison.Ordinal)..], File.ReadAllText(Path.Combine(output, "compare.md")));
        string[] lines = File.ReadAllLines(Path.Combine(output, "compare.jsonl"));
        Assert.Equal(2, lines.Length);
        // Both runs overlaid in one report.
        string report = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("\"name\":\"openai-es-seed1\"", report, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"openai-es-seed2\"", report, StringComparison.Ordinal);
        for (int k = 0; k < 2; k++)
        {
            using JsonDocument doc = JsonDocument.Parse(lines[k]);
            JsonElement o = doc.RootElement;
            Assert.Equal("openai-es", o.GetProperty("strategy").GetString());
            Assert.Equal(1 + k, o.GetProperty("seed").GetInt32());
            Assert.Equal(3, o.GetProperty("generations").GetInt32());
            Assert.True(o.GetProperty("timesteps").GetInt64() > 0);
            Assert.True(Directory.Exists(o.GetProperty("run_directory").GetString()));
            Assert.True(File.Exists(Path.Combine(o.GetProperty("run_directory").GetString()!, "final.ckpt")));
        }
    }

    [Fact]
    public async Task KeyOnlySomeComparedStrategiesRead_IsNamedOnStderrForTheOthers()
    {
        // cartpole.conf tunes openai-es's optimizer; snes has none.
        string output = _dir.Combine("cmp");
        CliResult r = await Cli.RunAsync("compare", "--config", CartPole(), "--strategies", "openai-es,snes",
            "--set", "es.run.max-generations=1", "--set", "es.evaluation.episodes=2", "--evaluators", "1", "--out", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("es: note: es.strategy.optimizer.learning-rate (", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("has no effect for snes: snes has no gradient optimizer", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyNoComparedStrategyReads_Exits2_AndRunsNothing()
    {
        string output = _dir.Combine("cmp");
        CliResult r = await Cli.RunAsync("compare", "--config", CartPole(), "--strategies", "openai-es,snes",
            "--set", "es.run.max-generations=1", "--set", "es.strategy.cma-es.restarts=2", "--out", output);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("es.strategy.cma-es.restarts: has no effect: es.strategy.cma-es holds the options of cma-es", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task UnknownStrategy_Exits2_WithASuggestion_AndRunsNothing()
    {
        string output = _dir.Combine("cmp");
        CliResult r = await Cli.RunAsync("compare", "--config", CartPole(), "--strategies", "openai-es,openai-ess", "--set", "es.run.max-generations=3", "--out", output);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("unknown value \"openai-ess\"; did you mean openai-es?", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task ACompareWithoutABudget_Exits2_NamingTheKeys()
    {
        CliResult r = await Cli.RunAsync("compare", "--config", CartPole(), "--strategies", "openai-es", "--out", _dir.Combine("cmp"),
            "--set", "es.run.max-timesteps=0", "--set", "es.run.max-generations=0");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("es.run.max-timesteps or es.run.max-generations", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonEmptyOutputDirectory_Exits2()
    {
        string output = _dir.Combine("cmp");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "keep.txt"), "mine");
        CliResult r = await Cli.RunAsync("compare", "--config", CartPole(), "--strategies", "openai-es", "--set", "es.run.max-generations=2", "--out", output);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("is not empty", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "keep.txt")));
    }
}
