// A queued user message together with its sender.
namespace Es.Actors.Dispatch;

/// <summary>A user message as it sits in a mailbox: the payload and who sent it (null: no sender).</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
