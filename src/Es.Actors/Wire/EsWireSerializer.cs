// Akka's serializer for every message that crosses processes: the project's explicit, versioned binary format, and nothing else.
using System.Globalization;
using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Serialization;
using Es.Actors.Evolution;

namespace Es.Actors.Wire;

/// <summary>
/// Serializes the <see cref="IWireMessage"/> records for Akka.Remote: one manifest per type, the
/// payload in <see cref="WireCodec"/>'s envelope (magic, protocol version, kind, run id, length),
/// so a node refuses, with a reason, what another run, another protocol version, a corrupted or
/// oversized frame or a hostile peer sends. No type names are read from the network and nothing is
/// built by reflection. Bound in HOCON by <see cref="Hocon"/>, which also turns Akka's strict
/// serialization on so no other type can be sent.
/// </summary>
/// <remarks>
/// A refused inbound message makes <see cref="FromBinary"/> throw <see cref="SerializationException"/>
/// (and never another type): Akka.Remote's endpoint reader catches it, logs "Deserialization failed
/// … (association remains live)" and drops that one message; the connection, the sender and the node
/// go on. The serializer counts refusals by reason (<see cref="Refused"/>) and logs a warning naming
/// the reason and the running count. A message too large to send makes <see cref="ToBinary"/> throw
/// <see cref="SerializationException"/>, which Akka.Remote logs as an error and drops, keeping the
/// association; the serializer counts those in <see cref="Unsent"/>.
/// </remarks>
public sealed class EsWireSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's identifier on the wire; Akka reserves 0–40 for itself and its modules use less than 100.</summary>
    public const int SerializerId = 1_337_001;

    /// <summary>Where the serializer reads its settings: <c>run-id</c> (string) and <c>max-message-bytes</c> (int).</summary>
    public const string SettingsPath = "akka.actor.serialization-settings.es-wire";

    /// <summary>The name the serializer is registered under in <c>akka.actor.serializers</c>.</summary>
    public const string Name = "es-wire";

    /// <summary>
    /// Bytes a remoting frame needs beyond the serialized message: Akka's envelope (recipient and sender
    /// paths, serializer id, manifest, acknowledgements). Generous, since a frame one byte too long is
    /// dropped by the receiver's frame decoder.
    /// </summary>
    public const int FrameOverheadBytes = 64 * 1024;

    /// <summary>Akka.Remote's default <c>maximum-frame-size</c>; frames are never made smaller than this.</summary>
    public const int AkkaDefaultFrameBytes = 128_000;

    private readonly WireMessageCodec _codec;
    private readonly ILoggingAdapter _log;

    /// <summary>Created by Akka when the system has no <see cref="SettingsPath"/> block; the settings are then missing, which is refused.</summary>
    /// <exception cref="ConfigurationException">The settings are missing or invalid.</exception>
    public EsWireSerializer(ExtendedActorSystem system)
        : this(system, system?.Settings.Config.GetConfig(SettingsPath)!)
    {
    }

    /// <summary>Created by Akka with the <see cref="SettingsPath"/> block.</summary>
    /// <exception cref="ConfigurationException">The settings are missing or invalid.</exception>
    public EsWireSerializer(ExtendedActorSystem system, Config config)
        : base(system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _log = system.Log;
        _codec = new WireMessageCodec(ReadSettings(config));
    }

    /// <inheritdoc/>
    public override int Identifier => SerializerId;

    /// <summary>The run whose messages this node accepts.</summary>
    public string RunId => _codec.Envelope.RunId;

    /// <summary>The largest serialized message this node sends or accepts, in bytes.</summary>
    public int MaxMessageBytes => _codec.Envelope.MaxMessageBytes;

    /// <summary>Inbound messages refused so far, by reason (thread-safe).</summary>
    public RefusalCounts Refused { get; } = new();

    /// <summary>Outbound messages that could not be serialized (too large), so Akka dropped them with an error (thread-safe).</summary>
    public RefusalCounts Unsent { get; } = new();

    /// <summary>The serializer of <paramref name="system"/>'s wire messages, to read its counters.</summary>
    /// <exception cref="InvalidOperationException">The system does not bind the wire messages to this serializer.</exception>
    public static EsWireSerializer Of(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.Serialization.FindSerializerForType(typeof(RequestWork)) as EsWireSerializer
            ?? throw new InvalidOperationException($"Actor system '{system.Name}' does not bind {nameof(IWireMessage)} to {nameof(EsWireSerializer)}; include {nameof(EsWireSerializer)}.{nameof(Hocon)}(...) in its configuration.");
    }

    /// <summary>
    /// The HOCON that registers the serializer, binds every <see cref="IWireMessage"/> to it, turns
    /// strict serialization on (a type without a binding cannot be sent, instead of falling back to
    /// JSON with type names), replaces Akka's JSON serializer by <see cref="JsonRefusingSerializer"/>
    /// and Akka.Remote's remote deployment by <see cref="RemoteDeploymentRefusingSerializer"/> (so no
    /// peer can make this node build a type it names), sets the run id and size limit, and sizes remoting frames so that any
    /// message the serializer accepts fits in one (Akka's default 128,000-byte frame would drop a
    /// snapshot of a large policy).
    /// </summary>
    /// <param name="runId">The run every message must belong to.</param>
    /// <param name="maxMessageBytes">The largest serialized message; size it from the largest snapshot (the parameter count). Every node of a run must use the same value.</param>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is empty, longer than <see cref="WireCodec.MaxNameBytes"/> or holds control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxMessageBytes"/> is not positive or leaves no room for a frame.</exception>
    public static string Hocon(string runId, int maxMessageBytes)
    {
        _ = new WireCodec(runId, maxMessageBytes); // the same checks the serializer makes
        if (runId.Any(char.IsControl))
            throw new ArgumentException("The run id must not hold control characters.", nameof(runId));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessageBytes, int.MaxValue - FrameOverheadBytes);
        string type = TypeName<EsWireSerializer>();
        string binding = TypeName<IWireMessage>();
        var hocon = new StringBuilder();
        hocon.AppendLine("akka.actor {");
        hocon.AppendLine(CultureInfo.InvariantCulture, $"  serializers.{Name} = \"{type}\"");
        // Akka's JSON serializer would build any .NET type a peer names; its name and identifier now refuse instead.
        hocon.AppendLine(CultureInfo.InvariantCulture, $"  serializers.json = \"{TypeName<JsonRefusingSerializer>()}\"");
        // Remote deployment would have this node create an actor of a type a peer names: refused the same way.
        hocon.AppendLine(CultureInfo.InvariantCulture, $"  serializers.daemon-create = \"{TypeName<RemoteDeploymentRefusingSerializer>()}\"");
        hocon.AppendLine(CultureInfo.InvariantCulture, $"  serialization-bindings {{ \"{binding}\" = {Name} }}");
        hocon.AppendLine("  serialization-settings {");
        hocon.AppendLine("    allow-unregistered-types = off");
        hocon.AppendLine(CultureInfo.InvariantCulture, $"    {Name} {{ run-id = \"{Escape(runId)}\", max-message-bytes = {maxMessageBytes} }}");
        hocon.AppendLine("  }");
        hocon.AppendLine("}");
        hocon.AppendLine(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.maximum-frame-size = {FrameBytes(maxMessageBytes)}b");
        return hocon.ToString();
    }

    /// <summary>How HOCON names a type: its full name and assembly, as Akka resolves it.</summary>
    internal static string TypeName<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";

    /// <summary>The remoting frame size for <paramref name="maxMessageBytes"/>: the message, Akka's envelope, and never below Akka's default.</summary>
    public static int FrameBytes(int maxMessageBytes) => Math.Max(AkkaDefaultFrameBytes, maxMessageBytes + FrameOverheadBytes);

    /// <inheritdoc/>
    /// <exception cref="SerializationException"><paramref name="o"/> is not a wire message.</exception>
    public override string Manifest(object o)
    {
        try
        {
            return WireMessageCodec.Manifest(o);
        }
        catch (ArgumentException e)
        {
            throw new SerializationException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="SerializationException">The message is not a wire message or exceeds the size limit: Akka drops it with an error and keeps the association.</exception>
    public override byte[] ToBinary(object obj)
    {
        if (obj is not IWireMessage message)
            throw new SerializationException($"{obj?.GetType().FullName ?? "null"} is not a message of the wire protocol; only {nameof(IWireMessage)} records cross processes.");
        try
        {
            return _codec.Encode(message);
        }
        catch (WireException e)
        {
            long count = Unsent.Add(e.Reason);
            _log.Error("Not sending a {0} message: {1} (reason {2}; {3} not sent for this reason so far). Raise {4}.max-message-bytes on every node of the run.",
                message.GetType().Name, e.Message, e.Reason, count, SettingsPath);
            throw new SerializationException($"Not sending a {message.GetType().Name} message: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new SerializationException($"Not sending a {message.GetType().Name} message: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="SerializationException">The message is refused; the message says why (the <see cref="WireException"/> text).</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            return _codec.Decode(bytes, manifest);
        }
        catch (WireException e)
        {
            Count(e);
            throw new SerializationException($"Refused: {e.Message}", e);
        }
    }

    /// <summary>Counts and logs one refused inbound message (also those a <see cref="RefusingSerializer"/> refuses).</summary>
    internal void Count(WireException refusal)
    {
        long count = Refused.Add(refusal.Reason);
        _log.Warning("Refused a message from the network: {0} (reason {1}; {2} refused for this reason, {3} in all).",
            refusal.Message, refusal.Reason, count, Refused.Total);
    }

    private static WireCodec ReadSettings(Config config)
    {
        if (config is null || config.IsEmpty)
            throw new ConfigurationException($"{SettingsPath} is missing: the wire serializer needs run-id and max-message-bytes (render them with {nameof(EsWireSerializer)}.{nameof(Hocon)}).");
        string? runId = config.HasPath("run-id") ? config.GetString("run-id") : null;
        if (string.IsNullOrEmpty(runId))
            throw new ConfigurationException($"{SettingsPath}.run-id is missing or empty: every message carries the run id and a node accepts only its own run's.");
        if (!config.HasPath("max-message-bytes"))
            throw new ConfigurationException($"{SettingsPath}.max-message-bytes is missing.");
        string raw = config.GetString("max-message-bytes");
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int max) || max <= 0)
            throw new ConfigurationException($"{SettingsPath}.max-message-bytes = '{raw}' is not a positive whole number of bytes (at most {int.MaxValue}).");
        try
        {
            return new WireCodec(runId, max);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"{SettingsPath}: {e.Message}");
        }
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
