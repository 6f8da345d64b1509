// A cluster run inside this process: a head node and N worker nodes, each its own ActorSystem joined by Akka.Cluster over Akka.Remote (DotNetty TCP) on loopback.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Training;

namespace Es.Bench;

/// <summary>
/// Runs a head node (coordinator and aggregator, no evaluators of its own) and <c>workers</c>
/// worker nodes as separate actor systems in this process, each on its own loopback port, composed
/// by <see cref="ClusterNode.RunAsync"/> exactly as <c>es head</c> and <c>es worker</c> compose
/// them: every message between nodes goes through the project's serializer and a TCP connection.
/// Separate processes would add only process start-up, which the measured window excludes.
/// </summary>
internal static class ClusterRollout
{
    /// <summary>What one cluster run measured.</summary>
    /// <param name="Wall">Training steps per second, head start to outcome (joining and leaving included).</param>
    /// <param name="Steady">Training steps per second over the generations after the first (the first also waits for the workers to join).</param>
    /// <param name="Cores">Cores this process kept busy.</param>
    /// <param name="Seconds">Wall seconds of the run.</param>
    /// <param name="FirstGenerationSeconds">Wall time of the first generation, joining included.</param>
    /// <param name="LaterGenerations">Generations after the first.</param>
    /// <param name="LaterGenerationSeconds">Their summed wall times.</param>
    /// <param name="Cpu">Where the CPU went over the generations after the first (the window of <paramref name="Steady"/>).</param>
    public sealed record Result(double Wall, double Steady, double Cores, double Seconds, double FirstGenerationSeconds,
        int LaterGenerations, double LaterGenerationSeconds, CpuAccount Cpu);

    /// <summary>Runs <paramref name="settings"/> on a head and <paramref name="workers"/> worker nodes with <paramref name="evaluatorsPerWorker"/> evaluators each.</summary>
    /// <param name="settings">The run.</param>
    /// <param name="workers">Worker nodes.</param>
    /// <param name="evaluatorsPerWorker">Evaluators on each worker node.</param>
    /// <param name="extraAkka">HOCON added to every node's <c>akka</c> settings (and ES_BENCH_AKKA's, for experiments).</param>
    public static Result Run(EsSettings settings, int workers, int evaluatorsPerWorker = 1, string extraAkka = "")
    {
        extraAkka += "\n" + Environment.GetEnvironmentVariable("ES_BENCH_AKKA");
        int headPort = FreePort();
        EsSettings Node(int port) => settings with
        {
            Akka = settings.Akka + $$"""

                akka.loglevel = OFF
                akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
                akka.remote.dot-netty.tcp.port = {{port}}
                akka.cluster.seed-nodes = ["akka.tcp://esakka@127.0.0.1:{{headPort}}"]
                {{extraAkka}}
                """,
        };
        using var stop = new CancellationTokenSource();
        var observer = new RunMetricsObserver { LastGeneration = settings.Run.MaxGenerations - 1 };
        EsSettings head = Node(headPort);
        var headPlan = new RunPlan(new RunOptions(head) { Observer = observer, TaskTimeout = head.Cluster.TaskTimeout });
        var headUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        Task<NodeOutcome> headRun = Task.Run(() => ClusterNode.RunAsync(new ClusterNodeOptions(headPlan, Head: true, Evaluate: false, _ => null,
            line => { if (line.EndsWith(": up", StringComparison.Ordinal)) headUp.TrySetResult(); }), CancellationToken.None));
        // The head first, as its seed: the workers join it at once instead of retrying a seed that is not there yet.
        if (!headUp.Task.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException("the head node did not come up within 60 s");
        var nodes = new List<Task<NodeOutcome>>();
        for (int i = 0; i < workers; i++)
        {
            var plan = new RunPlan(new RunOptions(Node(FreePort())) { Evaluators = evaluatorsPerWorker });
            nodes.Add(Task.Run(() => ClusterNode.RunAsync(new ClusterNodeOptions(plan, Head: false, Evaluate: true, _ => null, _ => { }), stop.Token)));
        }
        NodeOutcome outcome = headRun.GetAwaiter().GetResult();
        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double cores = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / wall;
        CpuAccount spent = observer.WindowCpu ?? throw new InvalidOperationException("the run ended before its last generation's CPU was read");
        stop.Cancel();
        Task.WaitAll(nodes.ToArray<Task>());
        if (outcome.Run?.Reason != StopReason.GenerationBudget)
            throw new InvalidOperationException($"the cluster run ended with {outcome.End}: {outcome.Message} {outcome.Run?.Error}");
        return new Result(observer.Timesteps / wall, observer.SteadyStepsPerSecond, cores, wall, observer.GenerationSeconds - observer.LaterGenerationSeconds,
            (int)settings.Run.MaxGenerations - 1, observer.LaterGenerationSeconds, spent);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
