// Published when an actor's behavior did not handle a message.
namespace Es.Actors.Event;

/// <summary>A message an actor received but did not handle; published on the event stream and logged as a warning.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Its sender.</param>
/// <param name="Recipient">The actor that did not handle it.</param>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
