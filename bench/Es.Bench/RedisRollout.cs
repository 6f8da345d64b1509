// Rollout throughput of a cluster run: a head and N worker nodes, one evaluator each, over a real Redis fabric on loopback.
using System.Diagnostics;
using Es.Actors.Fabric.Redis;
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Training;

namespace Es.Bench;

/// <summary>
/// Runs the head (coordinator and aggregator, no evaluators of its own) and <c>workers</c> worker
/// nodes in this process, each node with its own actor system and its own connection to Redis,
/// exactly as `es head` and `es worker` compose them. On this 2-core machine the head, the
/// workers and redis-server share the same 2 cores.
/// </summary>
internal static class RedisRollout
{
    /// <summary>Training steps per second of the whole run (head start to outcome), over the generations' own times (first task published to update published), the cores this process kept busy, the wall seconds and where the CPU went.</summary>
    public static (double Wall, double Generations, double Cores, double Seconds, CpuAccount Cpu) Run(string url, EsSettings settings, int workers)
    {
        int? serverPid = ServerPid(url);
        var fabricOptions = new RedisFabricOptions { Endpoints = [url], RunId = $"bench-{Guid.NewGuid():N}" };
        var fabrics = new List<RedisFabric>();
        using var stop = new CancellationTokenSource();
        try
        {
            // Workers first, as an operator would start them: their replicas wait for the head's first snapshot.
            var nodes = new List<Task>();
            for (int i = 0; i < workers; i++)
            {
                var fabric = new RedisFabric(fabricOptions);
                fabrics.Add(fabric);
                var plan = new RunPlan(new RunOptions(settings) { Evaluators = 1 });
                string nodeId = NodeHost.DefaultNodeId($"bench-worker-{i}");
                nodes.Add(Task.Run(() => WorkerRun.RunAsync(plan, fabric, nodeId, stop.Token)));
            }
            var head = new RedisFabric(fabricOptions);
            fabrics.Add(head);
            var observer = new RunMetricsObserver();
            var headPlan = new RunPlan(new RunOptions(settings) { Observer = observer });
            CpuAccount before = CpuAccount.Now(serverPid);
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            RunOutcome outcome = HeadRun.RunAsync(headPlan, head, evaluateLocally: false).GetAwaiter().GetResult();
            double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
            double cores = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / wall;
            CpuAccount spent = CpuAccount.Now(serverPid).Since(before); // before the workers stop: their evaluator threads end with them
            stop.Cancel();
            Task.WaitAll(nodes);
            if (outcome.Reason != StopReason.GenerationBudget)
                throw new InvalidOperationException($"the cluster run stopped with {outcome.Reason}: {outcome.Error}");
            return (observer.Timesteps / wall, observer.Timesteps / observer.GenerationSeconds, cores, wall, spent);
        }
        finally
        {
            if (fabrics.Count > 0) fabrics[0].DeleteRunAsync().GetAwaiter().GetResult();
            foreach (RedisFabric f in fabrics) f.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The pid of a Redis server on this machine (INFO's process_id), or null for a remote one or when it cannot be asked.</summary>
    private static int? ServerPid(string url)
    {
        var uri = new Uri(url);
        if (uri.Host is not ("127.0.0.1" or "localhost" or "::1" or "[::1]")) return null;
        try
        {
            using var connection = StackExchange.Redis.ConnectionMultiplexer.Connect($"{uri.Host}:{uri.Port},allowAdmin=true");
            foreach (var group in connection.GetServer(uri.Host, uri.Port).Info("server"))
                foreach (var pair in group)
                    if (pair.Key == "process_id") return int.Parse(pair.Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (StackExchange.Redis.RedisException)
        {
        }
        return null;
    }
}
