// Test actor that replies to every message with the message itself.
namespace Es.Actors.Tests.Support;

/// <summary>Replies to the sender with whatever it receives.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(m => Sender.Tell(m));
}
