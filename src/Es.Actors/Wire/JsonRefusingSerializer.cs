// Takes the place of Akka's JSON serializer, so a frame that names it (and .NET type names with it) is refused instead of deserialized.
using Akka.Actor;

namespace Es.Actors.Wire;

/// <summary>
/// Registered by <see cref="EsWireSerializer.Hocon"/> under Akka's name <c>json</c> with JSON's
/// identifier (1): a peer can send a frame that names serializer 1 and any .NET type, and Akka's
/// JSON serializer would build that type. This one builds nothing (<see cref="RefusingSerializer"/>).
/// </summary>
public sealed class JsonRefusingSerializer : RefusingSerializer
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
    protected override string What => "a JSON message";
}
