// The /user guardian: parent of every actor created with ActorSystem.ActorOf.
namespace Es.Actors.Cell;

/// <summary>Supervises top-level actors with the default strategy; it handles no messages itself.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected override bool Receive(object message) => false;
}
