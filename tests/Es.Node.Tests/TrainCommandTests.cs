// `es train` composes a run, writes its files through the run, reports progress and a summary, and stops on Ctrl-C.
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Runs;

namespace Es.Node.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private static readonly string[] MetricsFields = typeof(GenerationMetrics).GetProperties()
        .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).OfType<string>().ToArray();

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task NullFromSet_UnsetsATaskFilesValue_BackToTheStrategysDefault()
    {
        string runDir = _temp.Combine("nulls");
        CliResult r = await Cli.RunAsync("train", "--config", TestFiles.Config("cartpole-tiny.conf"), "--set", "es.run.max-generations=1",
            "--set", "es.strategy.population=null", "--set", "es.strategy.sigma=null", "--run-dir", runDir, "--evaluators", "1");
        Assert.True(r.ExitCode == 0, r.ToString());
        EsSettings saved = SettingsLoader.Load(Path.Combine(runDir, "config.conf"));
        Assert.Equal((0, (double?)null), (saved.Strategy.Population, saved.Strategy.Sigma));
    }

    [Fact]
    public async Task SetOfAnAkkaKey_IsAccepted()
    {
        // Cluster nodes are placed with --set akka.remote.dot-netty.tcp.port=P and akka.cluster.seed-nodes=[...].
        string runDir = _temp.Combine("akka-set");
        CliResult r = await Cli.RunAsync("train", "--config", TestFiles.Config("cartpole-tiny.conf"), "--set", "es.run.max-generations=1",
            "--set", "akka.loglevel=ERROR", "--run-dir", runDir, "--evaluators", "1");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(Path.Combine(runDir, "final.ckpt")), r.ToString());
    }

    [Fact]
    public async Task TinyBudget_WritesConfigMetricsAndFinalCheckpoint_AndExits0()
    {
        string runDir = _temp.Combine("tiny");
        CliResult r = await Cli.RunAsync("train", "--config", TestFiles.Config("cartpole-tiny.conf"), "--set", "es.run.max-generations=2",
            "--run-dir", runDir, "--evaluators", "2");
        Assert.True(r.ExitCode == 0, r.ToString());

        EsSettings saved = SettingsLoader.Load(Path.Combine(runDir, "config.conf"));
        Assert.Equal(2, saved.Run.MaxGenerations);
        Assert.Equal(5UL, saved.Run.Seed);

        string[] lines = File.ReadAllLines(Path.Combine(runDir, "metrics.jsonl")).Where(l => l.Length > 0).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.NotEmpty(MetricsFields);
        for (int g = 0; g < lines.Length; g++)
        {
            using JsonDocument doc = JsonDocument.Parse(lines[g]);
            foreach (string field in MetricsFields)
                Assert.True(doc.RootElement.TryGetProperty(field, out _), $"metrics line {g} lacks {field}: {lines[g]}");
            Assert.Equal(g, doc.RootElement.GetProperty("generation").GetInt64());
            Assert.True(doc.RootElement.GetProperty("timesteps").GetInt64() > 0);
            // openai-es's σ is fixed: the file's es.strategy.sigma.
            Assert.Equal(0.1, doc.RootElement.GetProperty("sigma").GetDouble());
        }

        Checkpoint final = CheckpointFile.Load(Path.Combine(runDir, "final.ckpt"));
        Assert.Equal(2, final.Generation);
        Assert.Equal("CartPole-v1", final.EnvironmentId);

        Assert.Contains("run directory: " + runDir, r.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^gen 0  steps [\d,]+  return -?\d+\.\d \(max -?\d+\.\d\)  eval \d+\.\d  [\d,]+ steps/s", r.Stdout);
        Assert.Matches(@"(?m)^gen 1  ", r.Stdout);
        Assert.Contains("stopped: generation budget spent", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("generations: 2", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("last evaluation: mean ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("final checkpoint: " + Path.Combine(runDir, "final.ckpt"), r.Stdout, StringComparison.Ordinal);
        // The report is written when the run ends, holding both generations.
        Assert.Contains("report: " + Path.Combine(runDir, "report.html"), r.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"generation\":1,", File.ReadAllText(Path.Combine(runDir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HumanoidTaskFile_TrainsOnMuJoCo_AndTheCheckpointEvaluates()
    {
        string runDir = _temp.Combine("humanoid");
        string config = Path.Combine(TestFiles.RepositoryRoot(), "hocon", "tasks", "humanoid.conf");
        CliResult r = await Cli.RunAsync("train", "--config", config, "--set", "es.run.max-generations=2", "--set", "es.policy.hidden=[16]",
            "--set", "es.strategy.population=8", "--set", "es.noise.size=1M", "--set", "es.evaluation.every=1", "--run-dir", runDir, "--evaluators", "2");
        Assert.True(r.ExitCode == 0, r.ToString());
        Checkpoint final = CheckpointFile.Load(Path.Combine(runDir, "final.ckpt"));
        Assert.Equal("Humanoid", final.EnvironmentId);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(runDir, "metrics.jsonl")).Count(l => l.Length > 0));

        CliResult eval = await Cli.RunAsync("eval", "--checkpoint", Path.Combine(runDir, "final.ckpt"), "--episodes", "2");
        Assert.True(eval.ExitCode == 0, eval.ToString());
    }

    [Fact]
    public async Task CtrlC_StopsGracefully_WritesTheFinalCheckpoint_AndExits0()
    {
        string runDir = _temp.Combine("interrupted");
        string metrics = Path.Combine(runDir, "metrics.jsonl");
        using var ctrlC = new CancellationTokenSource();
        // No goal and a budget far beyond what the test waits for: only Ctrl-C stops this run in time.
        Task<CliResult> run = Cli.RunAsync(
            ["train", "--config", TestFiles.Config("cartpole-tiny.conf"), "--set", "es.run.max-generations=100000", "--run-dir", runDir],
            ctrlC.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!run.IsCompleted && DateTime.UtcNow < deadline && !(File.Exists(metrics) && ReadLines(metrics).Length >= 1))
            await Task.Delay(20);
        if (run.IsCompleted) Assert.Fail("the run ended before it was interrupted: " + await run);
        await ctrlC.CancelAsync();
        CliResult r = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("stopped: interrupted", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("es: interrupt", r.Stderr, StringComparison.Ordinal);
        Checkpoint final = CheckpointFile.Load(Path.Combine(runDir, "final.ckpt"));
        int generations = ReadLines(metrics).Length;
        Assert.InRange(generations, 1, 10_000);
        Assert.Equal(generations, final.Generation);
        Assert.Contains($"generations: {final.Generation}", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_ContinuesExactlyAsAnUninterruptedRun()
    {
        string config = TestFiles.Config("cartpole-tiny.conf");
        string straight = _temp.Combine("straight");
        string first = _temp.Combine("first");
        string second = _temp.Combine("second");
        Assert.Equal(0, (await Cli.RunAsync("train", "--config", config, "--set", "es.run.max-generations=4", "--run-dir", straight)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("train", "--config", config, "--set", "es.run.max-generations=2", "--run-dir", first)).ExitCode);
        CliResult resumed = await Cli.RunAsync("train", "--config", config, "--set", "es.run.max-generations=4", "--run-dir", second,
            "--resume", Path.Combine(first, "final.ckpt"));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());

        Checkpoint a = CheckpointFile.Load(Path.Combine(straight, "final.ckpt"));
        Checkpoint b = CheckpointFile.Load(Path.Combine(second, "final.ckpt"));
        Assert.Equal(4, b.Generation);
        Assert.Equal(a.Strategy.Center, b.Strategy.Center);
        Assert.Equal(a.Timesteps, b.Timesteps);
    }

    private static string[] ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
