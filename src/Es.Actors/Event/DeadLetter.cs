// Published for every message that could not be delivered.
namespace Es.Actors.Event;

/// <summary>
/// A message that reached a stopped actor, <see cref="ActorRefs.Nobody"/> or the dead-letters ref. Published on the
/// event stream, counted in <see cref="ActorSystem.DeadLetterCount"/> and logged as a warning: never silent.
/// </summary>
/// <param name="Message">The undelivered message.</param>
/// <param name="Sender">Its sender (dead letters when it had none).</param>
/// <param name="Recipient">Where it was sent.</param>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);
