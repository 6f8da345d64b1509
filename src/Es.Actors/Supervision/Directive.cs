// What a supervisor decides to do about a failed child.
namespace Es.Actors.Supervision;

/// <summary>A supervisor's answer to a child's failure.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; the failing message is dropped and the next one processed.</summary>
    Resume,

    /// <summary>Replace the instance with a fresh one (state lost, mailbox kept), within the retry budget.</summary>
    Restart,

    /// <summary>Stop the child for good.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, handing the decision to its own parent.</summary>
    Escalate,
}
