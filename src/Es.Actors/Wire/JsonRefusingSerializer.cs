// Takes the place of Akka's JSON serializer, so a frame that names it (and .NET type names with it) is refused instead of deserialized.
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Es.Actors.Wire;

/// <summary>
/// Registered by <see cref="EsWireSerializer.Hocon"/> under Akka's name <c>json</c> with JSON's
/// identifier (1). Strict serialization stops a node from <em>sending</em> an unbound type as JSON,
/// but a peer can still send a frame that names serializer 1 and a .NET type; Akka's JSON serializer
/// would build that type. This one builds nothing: every such frame is refused (counted and logged
/// by the node's <see cref="EsWireSerializer"/> as <see cref="WireRefusal.UnknownType"/>), and it
/// never serializes anything either.
/// </summary>
/// <remarks>
/// It is a <see cref="SerializerWithStringManifest"/> so that Akka hands it the manifest as text
/// and never resolves the sender's type name.
/// </remarks>
public sealed class JsonRefusingSerializer : SerializerWithStringManifest
{
    /// <summary>Akka's identifier of its JSON serializer.</summary>
    public const int JsonSerializerId = 1;

    /// <summary>Created by Akka.</summary>
    public JsonRefusingSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <summary>Created by Akka when <c>akka.actor.serialization-settings.json</c> exists (it does, in Akka's reference configuration); the settings are not used.</summary>
    public JsonRefusingSerializer(ExtendedActorSystem system, Akka.Configuration.Config settings)
        : base(system)
    {
        _ = settings;
    }

    /// <inheritdoc/>
    public override int Identifier => JsonSerializerId;

    /// <inheritdoc/>
    /// <exception cref="SerializationException">Always: nothing is sent as JSON.</exception>
    public override string Manifest(object o) => throw NotSent(o);

    /// <inheritdoc/>
    /// <exception cref="SerializationException">Always: nothing is sent as JSON.</exception>
    public override byte[] ToBinary(object obj) => throw NotSent(obj);

    /// <inheritdoc/>
    /// <exception cref="SerializationException">Always: the frame is refused.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        var refusal = new WireException(WireRefusal.UnknownType, $"a JSON message naming type '{WireMessageCodec.Shorten(manifest ?? "")}' ({bytes?.Length ?? 0} bytes); this node reads only its own wire format");
        if (system.Serialization.FindSerializerForType(typeof(Evolution.RequestWork)) is EsWireSerializer wire)
            wire.Count(refusal);
        throw new SerializationException($"Refused: {refusal.Message}", refusal);
    }

    private static SerializationException NotSent(object? o) =>
        new($"{o?.GetType().FullName ?? "null"} has no binding to {nameof(EsWireSerializer)}; EsAkka sends no JSON (bind the type or keep it inside the process).");
}
