// A handle to cancel something scheduled.
namespace Es.Actors.Scheduling;

/// <summary>Cancels a scheduled delivery: once Cancel returns no new delivery starts; a message already handed to the mailbox before cancelling is still delivered.</summary>
public interface ICancelable
{
    /// <summary>Stops future deliveries; idempotent.</summary>
    void Cancel();

    /// <summary>Whether <see cref="Cancel"/> was called (or a one-shot already fired).</summary>
    bool IsCancellationRequested { get; }
}
