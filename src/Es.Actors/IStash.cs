// Deferring messages an actor cannot handle yet, as in Akka's Stash.
namespace Es.Actors;

/// <summary>
/// Lets an actor set aside the current message and take it back later (typically after a Become), in order.
/// Stashed messages are put back in front of the mailbox on restart and become dead letters on stop.
/// </summary>
public interface IStash
{
    /// <summary>Sets the message being processed aside.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts all stashed messages back at the front of the mailbox, oldest first.</summary>
    void UnstashAll();

    /// <summary>How many messages are stashed.</summary>
    int Count { get; }
}
