// Real Akka clusters inside the test process: every node is ClusterNode.RunAsync with its own actor system on 127.0.0.1 and a free port, failure detection and downing shortened for tests.
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Akka.Cluster;
using Akka.Event;
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Runs;
using Xunit.Abstractions;

namespace Es.Actors.Tests.Support;

/// <summary>
/// Starts the nodes of one cluster run in this process. Each node gets a free port; every node
/// lists the same seeds (the first nodes started). Failure detection and the split-brain
/// resolver are shortened (and scaled by <see cref="ActorTest.TimeFactorVariable"/>), so a node
/// that vanishes is downed within a few seconds. A node started <c>abortable</c> does not run
/// Akka's coordinated shutdown when its actor system terminates: <see cref="Node.Abort"/> then
/// makes it vanish without leaving, as a crashed machine does.
/// </summary>
public sealed class LocalCluster(string es, ITestOutputHelper output, params int[] seeds)
{
    /// <summary>The test time factor (ES_TEST_TIMEFACTOR), applied to the cluster's timings and the tests' waits.</summary>
    public static double TimeFactor => ActorTest.Configuration(Environment.GetEnvironmentVariable(ActorTest.TimeFactorVariable)).GetDouble("akka.test.timefactor");

    /// <summary><paramref name="time"/> scaled by the time factor.</summary>
    public static TimeSpan Dilated(TimeSpan time) => time * TimeFactor;

    /// <summary>A TCP port nobody listens on now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The settings of the node at <paramref name="port"/>: the run's <c>es</c> block with the cluster's <c>akka</c> keys.</summary>
    public EsSettings Settings(int port, bool abortable = false)
    {
        string seedList = string.Join(", ", seeds.Select(s => $"\"akka.tcp://{EsActorSystem.ClusterSystemName}@127.0.0.1:{s}\""));
        string ms(double milliseconds) => string.Create(CultureInfo.InvariantCulture, $"{(long)(milliseconds * TimeFactor)}ms");
        string text = $$"""
            akka {
              loglevel = WARNING
              remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{port}} }
              cluster {
                seed-nodes = [{{seedList}}]
                failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = {{ms(3000)}} }
                split-brain-resolver.stable-after = {{ms(1000)}}
              }
              coordinated-shutdown.run-by-actor-system-terminate = {{(abortable ? "off" : "on")}}
            }
            es {
              {{es}}
              cluster.take-over-wait = {{ms(700)}}
            }
            """;
        return SettingsLoader.Parse(text, $"node-{port}.conf");
    }

    /// <summary>
    /// Options whose evaluators wait for <paramref name="gate"/> (see <see cref="GatedFitness"/>)
    /// and whose initial parameters are the settings' policy's, so the run gives the settings' bits.
    /// </summary>
    public static RunOptions Gated(EsSettings settings, ManualResetEventSlim gate, int evaluators = 1)
    {
        var setup = Es.Core.Training.TrainingSetup.FromSettings(settings);
        return new RunOptions(settings)
        {
            Evaluators = evaluators,
            FitnessFactory = () => new GatedFitness(setup.CreateEvaluator().Fitness, gate),
            InitialParameters = setup.InitialParameters(),
        };
    }

    /// <summary>How long a node's subscription to the run's topic may take to reach every node (DistributedPubSub gossips every second).</summary>
    public static TimeSpan Gossip => Dilated(TimeSpan.FromSeconds(2.5));

    /// <summary>Starts a node at <paramref name="port"/> running <paramref name="options"/> (whose settings come from <see cref="Settings"/>).</summary>
    public Node Start(string name, RunOptions options, bool head, bool evaluate)
    {
        var system = new TaskCompletionSource<ActorSystem>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = new CancellationTokenSource();
        var named = new NamedOutput(output, name);
        var nodeOptions = new ClusterNodeOptions(new RunPlan(options), head, evaluate, _ => null, named.WriteLine) { SystemCreated = Created };
        void Created(ActorSystem s)
        {
            // Akka's own warnings (unreachable members, the split-brain resolver's decisions) go to the test's output
            // with the node's name, so a failed cluster test shows why a node was downed.
            IActorRef logger = ((ExtendedActorSystem)s).SystemActorOf(Props.Create(() => new WarningsToOutput(named)), "test-output");
            s.EventStream.Subscribe(logger, typeof(Warning));
            s.EventStream.Subscribe(logger, typeof(Error));
            system.TrySetResult(s);
        }
        Task<NodeOutcome> outcome = Task.Run(() => ClusterNode.RunAsync(nodeOptions, stop.Token), CancellationToken.None);
        return new Node(name, outcome, system.Task, stop);
    }

    /// <summary>A node of the cluster.</summary>
    public sealed class Node(string name, Task<NodeOutcome> outcome, Task<ActorSystem> system, CancellationTokenSource stop)
    {
        public string Name => name;

        /// <summary>How the node ended.</summary>
        public Task<NodeOutcome> Outcome => outcome;

        /// <summary>Completes when the node is an Up member of the cluster.</summary>
        public async Task UpAsync()
        {
            ActorSystem s = await system.WaitAsync(Dilated(TimeSpan.FromSeconds(20)));
            var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Cluster.Get(s).RegisterOnMemberUp(() => up.TrySetResult());
            await up.Task.WaitAsync(Dilated(TimeSpan.FromSeconds(20)));
        }

        /// <summary>The node's address.</summary>
        public Address Address => Cluster.Get(system.Result).SelfAddress;

        /// <summary>
        /// Makes the node vanish: its actor system stops without leaving the cluster (the node must be abortable).
        /// It first waits (at most 10 s, dilated) until the node sees no member unreachable: a node that dies while
        /// its gossip says it cannot reach another member leaves that record behind, and the split-brain resolver
        /// then takes the survivor it named for indirectly connected and downs it too. That is Akka's answer to a
        /// flaky network; these tests pin what a clean crash does.
        /// </summary>
        public void Abort()
        {
            var cluster = Cluster.Get(system.Result);
            var patience = System.Diagnostics.Stopwatch.StartNew();
            while (!cluster.State.Unreachable.IsEmpty && patience.Elapsed < Dilated(TimeSpan.FromSeconds(10))) Thread.Sleep(20);
            _ = system.Result.Terminate();
        }

        /// <summary>Ctrl-C.</summary>
        public void Stop() => stop.Cancel();

        /// <summary>The node's outcome, failing the test when it takes longer than <paramref name="seconds"/> (dilated).</summary>
        public async Task<NodeOutcome> EndAsync(double seconds = 30)
        {
            try
            {
                return await outcome.WaitAsync(Dilated(TimeSpan.FromSeconds(seconds)));
            }
            catch (TimeoutException)
            {
                stop.Cancel();
                throw new TimeoutException($"node {name} did not end within {seconds} s");
            }
        }
    }

    /// <summary>Prefixes a node's log lines with the time and its name; quiet once the test has ended.</summary>
    private sealed class NamedOutput(ITestOutputHelper output, string name) : ITestOutputHelper
    {
        public void WriteLine(string message)
        {
            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {name}: {message}");
            }
            catch (InvalidOperationException)
            {
                // The test has ended: nobody reads its output any more.
            }
        }

        public void WriteLine(string format, params object[] args) => WriteLine(string.Format(CultureInfo.InvariantCulture, format, args));
    }

    /// <summary>Writes a node's warnings and errors (Akka's included) to the test's output.</summary>
    private sealed class WarningsToOutput : ReceiveActor
    {
        public WarningsToOutput(ITestOutputHelper output) => Receive<LogEvent>(e => output.WriteLine(e.ToString()));
    }

    /// <summary>Runs <paramref name="onGeneration"/> after each generation on the node it observes, and keeps the node's announcements.</summary>
    public sealed class Observer(Action<GenerationMetrics>? onGeneration = null) : IRunObserver
    {
        private readonly ConcurrentQueue<string> _events = new();
        private readonly ConcurrentQueue<GenerationMetrics> _generations = new();

        public IReadOnlyList<string> Events => _events.ToArray();

        public IReadOnlyList<GenerationMetrics> Generations => _generations.ToArray();

        public void OnGeneration(GenerationMetrics metrics)
        {
            _generations.Enqueue(metrics);
            onGeneration?.Invoke(metrics);
        }

        public void OnEvent(string message) => _events.Enqueue(message);
    }
}

/// <summary>The in-process cluster tests: never in parallel with each other (ports, the machine's two cores, failure detectors that must not starve).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
