// Cluster mode as users run it: a head and workers as separate processes over a Redis of the test's own, on loopback.
// Each scenario must end with the very bits of the single-process run of the same configuration.
using System.Text.Json;
using Xunit.Abstractions;

namespace Es.Node.Tests;

public sealed class ClusterTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _temp = new();
    private readonly LocalRedis _redis = LocalRedis.Start();

    public void Dispose()
    {
        _redis.Dispose();
        _temp.Dispose();
    }

    private string Config(string runId, int generations = 12, string strategy = "openai-es") => _temp.Write($"{runId}.conf", $$"""
        es {
          run { seed = 3, max-generations = {{generations}} }
          env.id = CartPole-v1
          policy { type = mlp, hidden = [8] }
          strategy { name = {{strategy}}, population = 32, sigma = 0.1{{(Es.Core.Configuration.StrategySettings.HasOptimizer(strategy) ? ", optimizer.learning-rate = 0.03" : "")}} }
          evaluation { every = 2, episodes = 4 }
          checkpoint.every = 1
          noise.size = 1M
          cluster {
            seed-nodes = ["{{_redis.Url}}"]
            run-id = "{{runId}}"
            evaluators = 1
            task-timeout = 10s
            claim-timeout = 1s
            heartbeat-ttl = 2s
          }
        }
        """);

    private async Task<string> Sha(string checkpoint)
    {
        CliResult inspect = await EsProcess.RunAsync(_temp.Path, Timeout, "inspect", "--checkpoint", checkpoint);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        using JsonDocument doc = JsonDocument.Parse(inspect.Stdout);
        return doc.RootElement.GetProperty("parameters_sha256").GetString()!;
    }

    private async Task<string> SingleProcessSha(string config)
    {
        string dir = _temp.Combine("single-" + Path.GetFileNameWithoutExtension(config));
        CliResult train = await EsProcess.RunAsync(_temp.Path, Timeout, "train", "--config", config, "--run-dir", dir);
        Assert.True(train.ExitCode == 0, train.ToString());
        return await Sha(Path.Combine(dir, "final.ckpt"));
    }

    private static async Task WaitForMetrics(string runDir, int lines)
    {
        string metrics = Path.Combine(runDir, "metrics.jsonl");
        DateTime deadline = DateTime.UtcNow + Timeout;
        while (!File.Exists(metrics) || File.ReadAllLines(metrics).Length < lines)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{metrics} did not reach {lines} lines");
            await Task.Delay(50);
        }
    }

    [Theory]
    [InlineData("openai-es")]
    [InlineData("cma-es")] // its updates travel as fitnesses (FitnessUpdate) and every node replays them
    public async Task HeadAndTwoWorkers_EndWithTheSingleProcessBits(string strategy)
    {
        string config = Config("plain-" + strategy, strategy: strategy);
        string runDir = _temp.Combine("head");
        using var w1 = BackgroundEs.Start(_temp.Path, "worker", "--config", config, "--node-id", "w1");
        using var w2 = BackgroundEs.Start(_temp.Path, "worker", "--config", config, "--node-id", "w2");
        using var head = BackgroundEs.Start(_temp.Path, "head", "--config", config, "--run-dir", runDir);
        int exit = await head.WaitAsync(Timeout);
        output.WriteLine(head.Output);
        Assert.True(exit == 0, head.Output);
        Assert.Equal(await SingleProcessSha(config), await Sha(Path.Combine(runDir, "final.ckpt")));
        Assert.Contains("joined", w1.Output, StringComparison.Ordinal);
        // Membership comes from the workers' heartbeats: the metrics see both of them.
        int[] evaluators = File.ReadAllLines(Path.Combine(runDir, "metrics.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("evaluators").GetInt32()).ToArray();
        Assert.Equal(2, evaluators[^1]);
        Assert.Contains("node w1 is up (worker, 1 evaluator(s))", head.Output, StringComparison.Ordinal);
        Assert.Contains("node w2 is up", head.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerKilledMidRun_AnotherJoiningLater_AndTheHeadKilledAndResumed_EndWithTheSingleProcessBits()
    {
        string config = Config("faults", generations: 16);
        string runDir = _temp.Combine("head");
        using var doomed = BackgroundEs.Start(_temp.Path, "worker", "--config", config, "--node-id", "doomed");
        using var steady = BackgroundEs.Start(_temp.Path, "worker", "--config", config, "--node-id", "steady");
        using (var head = BackgroundEs.Start(_temp.Path, "head", "--config", config, "--run-dir", runDir))
        {
            await WaitForMetrics(runDir, 3);
            doomed.Kill();
            await WaitForMetrics(runDir, 6);
            head.Kill();
        }
        using var late = BackgroundEs.Start(_temp.Path, "worker", "--config", config, "--node-id", "late");
        using var resumed = BackgroundEs.Start(_temp.Path, "head", "--config", config, "--run-dir", runDir, "--resume", Path.Combine(runDir, "latest.ckpt"));
        await WaitForMetrics(runDir, 9);
        _redis.Restart();
        int exit = await resumed.WaitAsync(Timeout);
        output.WriteLine(resumed.Output);
        Assert.True(exit == 0, resumed.Output);
        Assert.Equal(await SingleProcessSha(config), await Sha(Path.Combine(runDir, "final.ckpt")));
        string[] metrics = File.ReadAllLines(Path.Combine(runDir, "metrics.jsonl"));
        output.WriteLine($"evaluations_retried per generation: {string.Join(" ", metrics.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("evaluations_retried").GetInt32()))}");
    }

    [Fact]
    public async Task WorkerWithAnotherNoiseTable_IsRefusedWithAClearMessage()
    {
        string config = Config("mismatch", generations: 200);
        string runDir = _temp.Combine("head");
        using var head = BackgroundEs.Start(_temp.Path, "head", "--config", config, "--run-dir", runDir);
        CliResult worker = await EsProcess.RunAsync(_temp.Path, Timeout, "worker", "--config", config, "--set", "es.noise.size=2M");
        Assert.Equal(2, worker.ExitCode);
        Assert.Contains("es.noise.size: this worker has 2097152, the head 1048576", worker.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerWithAnotherRunId_IsToldWhichRunsTheServerHas()
    {
        string config = Config("rightrun", generations: 200);
        string runDir = _temp.Combine("head");
        using var head = BackgroundEs.Start(_temp.Path, "head", "--config", config, "--run-dir", runDir, "--evaluators", "1", "--set", "es.cluster.head-evaluates=true");
        await WaitForMetrics(runDir, 1);
        using var lost = BackgroundEs.Start(_temp.Path, "worker", "--config", config, "--set", "es.cluster.run-id=wrongrun");
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!lost.Output.Contains("check es.cluster.run-id", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the worker did not explain its missing head:\n" + lost.Output);
            await Task.Delay(100);
        }
        Assert.Contains("waiting for the head of run 'wrongrun'", lost.Output, StringComparison.Ordinal);
        Assert.Contains("rightrun", lost.Output, StringComparison.Ordinal);
    }
}
