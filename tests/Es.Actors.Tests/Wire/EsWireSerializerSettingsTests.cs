// Pins how the serializer is configured: the HOCON helper's bindings and strict mode, an identifier no Akka module uses, settings that must be present, and messages without exceptions.
using System.Runtime.Serialization;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Es.Actors.Evolution;
using Es.Actors.Wire;

namespace Es.Actors.Tests.Wire;

public sealed class EsWireSerializerSettingsTests : Akka.TestKit.Xunit2.TestKit
{
    public EsWireSerializerSettingsTests()
        : base(WireTestSystems.Local("run \"quoted\" \\ ü", maxMessageBytes: 12_345))
    {
    }

    private sealed record Unbound(int Value);

    [Fact]
    public void Hocon_Should_BindEveryWireMessage_AndCarryTheRunIdAndLimitExactly()
    {
        EsWireSerializer serializer = EsWireSerializer.Of(Sys);
        Assert.Equal("run \"quoted\" \\ ü", serializer.RunId);
        Assert.Equal(12_345, serializer.MaxMessageBytes);
        foreach ((Type type, _) in WireMessageCodec.Types)
            Assert.Same(serializer, Sys.Serialization.FindSerializerForType(type));
        Assert.False(Sys.Settings.Config.GetBoolean("akka.actor.serialization-settings.allow-unregistered-types"));
        Assert.Equal("Es.Actors.Wire.EsWireSerializer, Es.Actors", Sys.Settings.Config.GetString("akka.actor.serializers.es-wire"));
        Assert.Equal("Es.Actors.Wire.JsonRefusingSerializer, Es.Actors", Sys.Settings.Config.GetString("akka.actor.serializers.json"));
    }

    [Fact]
    public void AJsonFrame_Should_BeRefused_WithoutResolvingTheTypeItNames()
    {
        byte[] json = System.Text.Encoding.UTF8.GetBytes("{\"$type\":\"System.IO.FileInfo, System.IO.FileSystem\",\"OriginalPath\":\"/etc/passwd\"}");
        var e = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(json, JsonRefusingSerializer.JsonSerializerId, "System.IO.FileInfo, System.IO.FileSystem"));
        Assert.Contains("a JSON message naming type 'System.IO.FileInfo, System.IO.FileSystem'", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, EsWireSerializer.Of(Sys).Refused[WireRefusal.UnknownType]);
        Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(json, JsonRefusingSerializer.JsonSerializerId, "No.Such.Type, Nowhere"));
        Assert.Throws<SerializationException>(() => Sys.Serialization.FindSerializerForType(typeof(object)).ToBinary(new object()));
    }

    [Fact]
    public void StrictMode_Should_RefuseToSerializeATypeWithoutABinding()
    {
        // Without strict mode this would fall back to JSON with .NET type names.
        var e = Assert.Throws<SerializationException>(() => Sys.Serialization.FindSerializerForType(typeof(Unbound)));
        Assert.Contains(nameof(Unbound), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifier_Should_CollideWithNoSerializerOfAkkaRemoteClusterOrClusterTools()
    {
        Config all = ConfigurationFactory.Default()
            .WithFallback(ConfigurationFactory.FromResource<Akka.Remote.RemoteSettings>("Akka.Remote.Configuration.Remote.conf"))
            .WithFallback(ConfigurationFactory.FromResource<Akka.Cluster.ClusterSettings>("Akka.Cluster.Configuration.Cluster.conf"))
            .WithFallback(DistributedPubSub.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig());
        int[] ids = all.GetConfig("akka.actor.serialization-identifiers").AsEnumerable().Select(kv => kv.Value.GetInt()).ToArray();
        Assert.True(ids.Length >= 8, $"only {ids.Length} identifiers found");
        Assert.All(ids, id => Assert.InRange(id, 0, 99));
        Assert.DoesNotContain(EsWireSerializer.SerializerId, ids);
    }

    [Fact]
    public void MissingSettings_Should_StopTheActorSystemFromStarting_NamingTheKey()
    {
        Config bindingOnly = ConfigurationFactory.ParseString("""
            akka.actor.serializers.es-wire = "Es.Actors.Wire.EsWireSerializer, Es.Actors"
            akka.actor.serialization-bindings { "Es.Actors.Evolution.IWireMessage, Es.Actors" = es-wire }
            """);
        Exception e = Assert.ThrowsAny<Exception>(() => ActorSystem.Create("no-settings", bindingOnly).Dispose());
        Assert.Contains("akka.actor.serialization-settings.es-wire is missing", Flatten(e), StringComparison.Ordinal);

        Config noLimit = ConfigurationFactory.ParseString("akka.actor.serialization-settings.es-wire { run-id = r }").WithFallback(bindingOnly);
        e = Assert.ThrowsAny<Exception>(() => ActorSystem.Create("no-limit", noLimit).Dispose());
        Assert.Contains("max-message-bytes is missing", Flatten(e), StringComparison.Ordinal);

        Config badLimit = ConfigurationFactory.ParseString("akka.actor.serialization-settings.es-wire { run-id = r, max-message-bytes = 2GB }").WithFallback(bindingOnly);
        e = Assert.ThrowsAny<Exception>(() => ActorSystem.Create("bad-limit", badLimit).Dispose());
        Assert.Contains("max-message-bytes = '2GB' is not a positive whole number", Flatten(e), StringComparison.Ordinal);
    }

    [Fact]
    public void Hocon_Should_RefuseRunIdsAndLimitsTheSerializerWouldRefuse()
    {
        Assert.Throws<ArgumentException>(() => EsWireSerializer.Hocon("", 1000));
        Assert.Throws<ArgumentException>(() => EsWireSerializer.Hocon("a\nb", 1000));
        Assert.Throws<ArgumentException>(() => EsWireSerializer.Hocon(new string('r', WireCodec.MaxNameBytes + 1), 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => EsWireSerializer.Hocon("r", 0));
        Assert.Equal(128_000, EsWireSerializer.FrameBytes(1000));
        Assert.Equal(16 * 1024 * 1024 + EsWireSerializer.FrameOverheadBytes, EsWireSerializer.FrameBytes(16 * 1024 * 1024));
    }

    [Fact]
    public void NoWireMessage_Should_CarryAnException()
    {
        foreach ((Type type, _) in WireMessageCodec.Types)
            foreach (var property in type.GetProperties())
                Assert.False(typeof(Exception).IsAssignableFrom(property.PropertyType) || property.PropertyType == typeof(object),
                    $"{type.Name}.{property.Name} is a {property.PropertyType.Name}: exceptions and untyped values must not cross processes");
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
