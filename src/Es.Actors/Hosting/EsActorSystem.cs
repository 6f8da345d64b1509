// Creates the actor system of a node from the `akka` section the project's strict parser has read.
using Akka.Actor;
using Akka.Configuration;
using Es.Actors.Wire;
using Es.Core.Configuration;

namespace Es.Actors.Hosting;

/// <summary>
/// Every actor system of a run is made here, with the local provider (no remoting, no ports) and
/// the configuration of <see cref="EsSettings.Akka"/>: reference.conf's project settings (the
/// evaluators' dispatcher, logging) under the user's own <c>akka</c> keys, with Akka.NET's
/// defaults below. Akka's parser only ever reads text the strict parser produced.
/// </summary>
public static class EsActorSystem
{
    /// <summary>Creates a system named <paramref name="name"/> configured by <paramref name="settings"/>.</summary>
    /// <param name="name">The system's name (letters, digits, '-').</param>
    /// <param name="settings">The run's settings; only <see cref="EsSettings.Akka"/> is read.</param>
    public static ActorSystem Create(string name, EsSettings settings) => ActorSystem.Create(name, Config(settings));

    /// <summary>
    /// Starts a throwaway actor system on a thread-pool thread, has one actor answer, and stops
    /// it. The first actor system of a process takes about half a second to start (compiling and
    /// loading Akka's start-up code; a second one starts in about 15 ms), longer than a short
    /// CartPole run's reading of its configuration. A command that will run actors calls this
    /// first, so that cost overlaps its own start-up instead of following it. Its threads are
    /// background threads (<c>akka.daemonic</c>), so a command that ends early does not wait for it.
    /// </summary>
    /// <returns>Completes when the system has stopped; never faults (the real system reports any problem).</returns>
    public static Task WarmUpAsync() => Task.Run(async () =>
    {
        try
        {
            ActorSystem system = ActorSystem.Create("es-warm-up", ConfigurationFactory.ParseString(Quiet).WithFallback(ConfigurationFactory.ParseString(EsSettings.Default.Akka)));
            try
            {
                IActorRef echo = system.ActorOf(Props.Create(() => new Echo()));
                await echo.Ask<string>("warm", TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            finally
            {
                await system.Terminate().ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Only a head start: the run's own system reports whatever went wrong.
        }
    });

    // What the run's own system starts (reference.conf's akka section: its serializers and logger), silent and on background threads.
    private const string Quiet = "akka { loglevel = OFF, stdout-loglevel = OFF, daemonic = on }";

    private static string WireHocon(string runId, int maxMessageBytes) => EsWireSerializer.Hocon(runId, maxMessageBytes);

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(s => Sender.Tell(s));
    }

    /// <summary>The name of every cluster node's actor system: the seed nodes' addresses name it (<c>akka.tcp://esakka@host:port</c>).</summary>
    public const string ClusterSystemName = "esakka";

    /// <summary>
    /// Creates a cluster node's actor system: the cluster provider, the node's roles, the
    /// project's serializer bound to every message that crosses processes (and nothing else
    /// accepted), and a frame size that fits the run's largest message.
    /// </summary>
    /// <param name="settings">The run's settings (<see cref="EsSettings.Akka"/> and the run id).</param>
    /// <param name="roles">The node's roles: <c>head</c>, <c>worker</c>.</param>
    /// <param name="largestMessageBytes">The largest message the run sends (a snapshot of its learner state).</param>
    /// <param name="anyPort">Listen on a free port unless the configuration names a port other than the shipped default (workers).</param>
    public static ActorSystem CreateCluster(EsSettings settings, IReadOnlyList<string> roles, int largestMessageBytes, bool anyPort) =>
        ActorSystem.Create(ClusterSystemName, ClusterConfig(settings, roles, largestMessageBytes, anyPort));

    /// <summary>The default port of <c>akka.remote.dot-netty.tcp.port</c> in reference.conf: where <c>es head</c> listens.</summary>
    public const int DefaultHeadPort = 4053;

    /// <summary>The configuration <see cref="CreateCluster"/> uses.</summary>
    public static Config ClusterConfig(EsSettings settings, IReadOnlyList<string> roles, int largestMessageBytes, bool anyPort)
    {
        Config user = Config(settings);
        const string frameKey = "akka.remote.dot-netty.tcp.maximum-frame-size";
        long configured = user.HasPath(frameKey) ? user.GetByteSize(frameKey) ?? 128000 : 128000;
        // A message up to twice the largest expected, plus room for envelopes and paths.
        long frame = Math.Max(configured, 2L * largestMessageBytes + 64 * 1024);
        if (frame > int.MaxValue / 2) throw new ArgumentOutOfRangeException(nameof(largestMessageBytes), $"a message of {largestMessageBytes} bytes is too large to send");
        int port = user.HasPath("akka.remote.dot-netty.tcp.port") ? user.GetInt("akka.remote.dot-netty.tcp.port") : DefaultHeadPort;
        if (anyPort && port == DefaultHeadPort) port = 0;
        string roleList = string.Join(", ", roles.Select(r => $"\"{r}\""));
        // es handles Ctrl-C itself (the head ends the run with a final checkpoint, a worker leaves); Akka's
        // CLR shutdown hook would run coordinated shutdown on the same signal and stop the head singleton first.
        string node = $$"""
            akka.actor.provider = cluster
            akka.cluster.roles = [{{roleList}}]
            akka.remote.dot-netty.tcp.port = {{port}}
            akka.remote.dot-netty.tcp.maximum-frame-size = {{frame}}b
            akka.remote.dot-netty.tcp.send-buffer-size = {{frame * 2}}b
            akka.remote.dot-netty.tcp.receive-buffer-size = {{frame * 2}}b
            akka.coordinated-shutdown.exit-clr = off
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            akka.cluster.pub-sub.send-to-dead-letters-when-no-subscribers = off
            akka.cluster.singleton-proxy.log-singleton-identification-failure = off
            {{WireHocon(settings.Cluster.RunId, (int)frame)}}
            """;
        return ConfigurationFactory.ParseString(node).WithFallback(user);
    }

    /// <summary>The Akka configuration of <paramref name="settings"/>.</summary>
    /// <param name="settings">The run's settings.</param>
    public static Config Config(EsSettings settings) => ConfigurationFactory.ParseString(settings.Akka);
}
