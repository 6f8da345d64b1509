// A loopback cluster of a test's own: free ports, the nodes' command lines, short failure detection, and the bits to compare.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Es.Node.Tests;

/// <summary>
/// Starts <c>es head</c> and <c>es worker</c> processes on 127.0.0.1, each on a free port given
/// with <c>--set akka.remote.dot-netty.tcp.port</c>, all joining the same seeds. The configuration
/// shortens failure detection and the split-brain resolver's <c>stable-after</c>, so that a dead
/// node is downed in seconds rather than the production half-minute.
/// </summary>
public sealed class ClusterWorld : IDisposable
{
    /// <summary>How long any one process or wait may take before the test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    // The single-process bits of each configuration text, computed once for the whole collection.
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> SingleProcessBits = new();

    private readonly TempDirectory _temp = new();
    private readonly List<BackgroundEs> _nodes = [];

    /// <summary>The test's directory.</summary>
    public string Directory => _temp.Path;

    /// <summary>The seeds every node joins: the head-role nodes' ports, first the active head's.</summary>
    public IReadOnlyList<int> Seeds { get; private set; } = [];

    /// <summary>
    /// CartPole with its task file's goal (11 generations for seed 1), or, with <paramref name="generations"/>,
    /// an MLP run without a goal, long enough (tens of seconds on 2 cores) for nodes to join, die and be downed mid-run.
    /// </summary>
    public string Config(int? generations = null)
    {
        string task = generations is { } g
            ? $$"""
              es {
                run { seed = 3, max-generations = {{g}}, goal-return = null }
                policy { type = mlp, hidden = [64, 64] }
                strategy { population = 400 }
                evaluation { every = 4, episodes = 4 }
              }
              """
            : "es { policy { type = mlp, hidden = [64, 64] }, strategy.population = 400 }"; // seconds long: every worker joins before the goal
        string text = $$"""
            include "{{Path.Combine(TestFiles.RepositoryRoot(), "hocon", "tasks", "cartpole.conf")}}"
            {{task}}
            es.checkpoint.every = 1
            es.cluster { run-id = "t", evaluators = 1, task-timeout = 20s, take-over-wait = 1s }
            akka.cluster {
              failure-detector { heartbeat-interval = 500ms, acceptable-heartbeat-pause = 5s }
              # Seconds, not the production values; down-all-when-unstable later than its default (¾ of stable-after):
              # on a loaded 2-core machine heartbeats of live nodes arrive late too, and the resolver downed a whole
              # cluster as unstable while it waited for stability.
              split-brain-resolver { stable-after = 3s, down-all-when-unstable = 10s }
            }
            """;
        return _temp.Write($"cluster-{(generations is null ? "goal" : generations.ToString())}.conf", text);
    }

    /// <summary>Chooses <paramref name="heads"/> free ports for the head-role nodes, which are the seeds.</summary>
    public void UseSeeds(int heads) => Seeds = Enumerable.Range(0, heads).Select(_ => FreePort()).ToArray();

    /// <summary>Starts <c>es head</c> listening on seed number <paramref name="seed"/>, writing into <c>run-dir</c> <paramref name="runDir"/>.</summary>
    public BackgroundEs Head(string config, int seed, string runDir, params string[] more) =>
        Start(["head", "--config", config, "--run-dir", runDir, .. Placement(Seeds[seed]), .. more]);

    /// <summary>Starts <c>es worker</c> with one evaluator on a free port.</summary>
    public BackgroundEs Worker(string config, params string[] more) =>
        Start(["worker", "--config", config, .. Placement(FreePort()), .. more]);

    private string[] Placement(int port) =>
    [
        "--set", $"akka.remote.dot-netty.tcp.port={port}",
        "--set", $"akka.cluster.seed-nodes=[{string.Join(", ", Seeds.Select(p => $"\"akka.tcp://esakka@127.0.0.1:{p}\""))}]",
    ];

    private BackgroundEs Start(string[] args)
    {
        BackgroundEs node = BackgroundEs.Start(_temp.Path, args);
        _nodes.Add(node);
        return node;
    }

    /// <summary>The SHA-256 of the parameters in a checkpoint, as <c>es inspect</c> reports it.</summary>
    public async Task<string> Sha(string checkpoint)
    {
        CliResult inspect = await EsProcess.RunAsync(_temp.Path, Timeout, "inspect", "--checkpoint", checkpoint);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        using JsonDocument doc = JsonDocument.Parse(inspect.Stdout);
        return doc.RootElement.GetProperty("parameters_sha256").GetString()!;
    }

    /// <summary>The generation a checkpoint was written at, as <c>es inspect</c> reports it.</summary>
    public async Task<int> Generation(string checkpoint)
    {
        CliResult inspect = await EsProcess.RunAsync(_temp.Path, Timeout, "inspect", "--checkpoint", checkpoint);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        using JsonDocument doc = JsonDocument.Parse(inspect.Stdout);
        return doc.RootElement.GetProperty("generation").GetInt32();
    }

    /// <summary>The final bits of <c>es train</c> on the same configuration (cached per configuration text).</summary>
    public Task<string> SingleProcessSha(string config) =>
        SingleProcessBits.GetOrAdd(File.ReadAllText(config), _ => new Lazy<Task<string>>(async () =>
        {
            using var temp = new TempDirectory();
            string copy = temp.Write("single.conf", File.ReadAllText(config));
            string dir = temp.Combine("single");
            CliResult train = await EsProcess.RunAsync(temp.Path, Timeout, "train", "--config", copy, "--run-dir", dir, "--evaluators", "1");
            Assert.True(train.ExitCode == 0, train.ToString());
            return await Sha(Path.Combine(dir, "final.ckpt"));
        })).Value;

    /// <summary>The lines of a run directory's metrics.jsonl.</summary>
    public static JsonElement[] Metrics(string runDir) =>
        File.ReadAllLines(Path.Combine(runDir, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();

    /// <summary>Waits until the run directory's metrics.jsonl has <paramref name="lines"/> generations.</summary>
    public Task WaitForMetrics(string runDir, int lines) =>
        WaitFor(() => MetricLines(runDir).Length >= lines, () => $"{runDir}/metrics.jsonl to reach {lines} lines{Seen(runDir)}");

    /// <summary>Waits until a generation of the run directory was evaluated by <paramref name="evaluators"/> evaluators (every worker has joined).</summary>
    public Task WaitForEvaluators(string runDir, int evaluators) =>
        WaitFor(() => MetricLines(runDir) is { Length: > 0 } lines && JsonDocument.Parse(lines[^1]).RootElement.GetProperty("evaluators").GetInt32() >= evaluators,
            () => $"{runDir}/metrics.jsonl to show {evaluators} evaluators{Seen(runDir)}");

    // The run directory's metrics.jsonl lines so far (none before the file exists).
    private static string[] MetricLines(string runDir)
    {
        string metrics = Path.Combine(runDir, "metrics.jsonl");
        return File.Exists(metrics) ? File.ReadAllLines(metrics) : [];
    }

    // What a wait on a run directory saw when it gave up: its metrics' last line and every node's state and output.
    private string Seen(string runDir) =>
        (MetricLines(runDir) is { Length: > 0 } lines ? $"; it saw {lines.Length} lines, the last {lines[^1]}\n" : "; it saw no metrics\n")
        + string.Join("\n", _nodes.Select(n => n.Report()));

    /// <summary>Waits until <paramref name="node"/> has printed <paramref name="text"/>.</summary>
    public static Task WaitForOutput(BackgroundEs node, string text) =>
        WaitFor(() => node.Output.Contains(text, StringComparison.Ordinal), () => $"the output to say '{text}'; it said:\n{node.Output}");

    private static async Task WaitFor(Func<bool> condition, Func<string> what)
    {
        DateTime deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {Timeout} for {what()}");
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (BackgroundEs node in _nodes) node.Dispose();
        _temp.Dispose();
    }
}
