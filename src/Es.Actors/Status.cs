// Success/Failure replies; a Failure reply faults the Task of an Ask.
namespace Es.Actors;

/// <summary>Conventional reply envelopes, as in Akka: a <see cref="Failure"/> turns an Ask into a faulted task.</summary>
public static class Status
{
    /// <summary>Reports that a requested operation succeeded, optionally with a result.</summary>
    /// <param name="Status">The result, if any.</param>
    public sealed record Success(object? Status);

    /// <summary>Reports that a requested operation failed; <c>Ask</c> rethrows <paramref name="Cause"/>.</summary>
    /// <param name="Cause">Why it failed.</param>
    public sealed record Failure(Exception Cause);
}
