// The death-watch notification an actor receives for every actor it watches.
namespace Es.Actors;

/// <summary>
/// Delivered (as an ordinary message, with the dead actor as sender) to every actor that watched
/// <paramref name="ActorRef"/> once it has stopped. An actor that watches but does not handle it fails with a
/// <see cref="DeathPactException"/>, as in Akka.
/// </summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was already gone at the time of the watch.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed);
