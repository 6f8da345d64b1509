// Takes the place of one of Akka's own serializers whose frames would make this node build something a peer chose: such frames are refused, counted and logged.
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Es.Actors.Wire;

/// <summary>
/// A serializer registered under the name and identifier of one of Akka's own, so that a frame a
/// peer sends with that identifier is refused instead of deserialized. Strict serialization only
/// stops a node from <em>sending</em> what it has no binding for; the receiving side looks the
/// serializer up by the identifier the sender wrote. Refusals are counted and logged by the node's
/// <see cref="EsWireSerializer"/> as <see cref="WireRefusal.UnknownType"/>; nothing is ever
/// serialized by these either.
/// </summary>
/// <remarks>
/// A <see cref="SerializerWithStringManifest"/>, so that Akka hands over the manifest as text and
/// never resolves a type name the sender wrote.
/// </remarks>
public abstract class RefusingSerializer : SerializerWithStringManifest
{
    /// <summary>Created by Akka.</summary>
    protected RefusingSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <summary>What the refused frames carry, for the log ("a JSON message", "a remote deployment").</summary>
    protected abstract string What { get; }

    /// <inheritdoc/>
    /// <exception cref="SerializationException">Always: nothing is sent this way.</exception>
    public override string Manifest(object o) => throw NotSent(o);

    /// <inheritdoc/>
    /// <exception cref="SerializationException">Always: nothing is sent this way.</exception>
    public override byte[] ToBinary(object obj) => throw NotSent(obj);

    /// <inheritdoc/>
    /// <exception cref="SerializationException">Always: the frame is refused.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        var refusal = new WireException(WireRefusal.UnknownType,
            $"{What} naming type '{WireMessageCodec.Shorten(manifest ?? "")}' ({bytes?.Length ?? 0} bytes); this node reads only its own wire format");
        if (system.Serialization.FindSerializerForType(typeof(Evolution.RequestWork)) is EsWireSerializer wire)
            wire.Count(refusal);
        throw new SerializationException($"Refused: {refusal.Message}", refusal);
    }

    private SerializationException NotSent(object? o) =>
        new($"{o?.GetType().FullName ?? "null"} has no binding to {nameof(EsWireSerializer)}; EsAkka does not send {What}s (bind the type or keep it inside the process).");
}
