// Actor-system configurations for the wire tests: the serializer's HOCON on top of the test configuration, remoting on 127.0.0.1 with a free port.
using Akka.Configuration;
using Es.Actors.Tests.Support;
using Es.Actors.Wire;

namespace Es.Actors.Tests.Wire;

internal static class WireTestSystems
{
    /// <summary>The serializer's block for <paramref name="runId"/> over the project's test configuration (local provider).</summary>
    public static Config Local(string runId = "run-a", int maxMessageBytes = 1 << 20) =>
        ConfigurationFactory.ParseString(EsWireSerializer.Hocon(runId, maxMessageBytes))
            .WithFallback(ActorTest.Configuration(Environment.GetEnvironmentVariable(ActorTest.TimeFactorVariable)));

    /// <summary>A remote system's configuration: Akka.Remote over DotNetty TCP on loopback, port chosen by the OS, plus <paramref name="extra"/> HOCON.</summary>
    public static Config Remote(string runId, int maxMessageBytes = 1 << 20, string extra = "") =>
        ConfigurationFactory.ParseString(extra + """

            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.remote.dot-netty.tcp.batching.enabled = false
            """).WithFallback(Local(runId, maxMessageBytes));

    /// <summary>A remote system with Akka's own serialization settings (its JSON serializer as the fallback, no binding): what a careless or hostile peer runs.</summary>
    public static Config PlainRemote() =>
        ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.actor.serializers.json = "Akka.Serialization.NewtonSoftJsonSerializer, Akka"
            """).WithFallback(ActorTest.Configuration(Environment.GetEnvironmentVariable(ActorTest.TimeFactorVariable)));

    /// <summary>The address other systems reach <paramref name="system"/> at.</summary>
    public static Address AddressOf(ActorSystem system) => ((ExtendedActorSystem)system).Provider.DefaultAddress;
}
