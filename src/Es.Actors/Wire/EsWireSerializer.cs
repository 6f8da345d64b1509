// PLACEHOLDER until the wire branch merges: replaced by the real serializer.
namespace Es.Actors.Wire;

internal static class EsWireSerializer
{
    public static string Hocon(string runId, int maxMessageBytes) => "akka.actor.serialization-settings.allow-unregistered-types = on";
}
