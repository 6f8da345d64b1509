// PipeTo: deliver the outcome of a task to an actor as a message, so actors never block on I/O.
namespace Es.Actors.Patterns;

/// <summary>Akka's PipeTo: when the task completes, its result (or its failure) is told to the recipient.</summary>
public static class PipeToExtensions
{
    /// <summary>Tells <paramref name="recipient"/> <c>success(result)</c> or <c>failure(exception)</c> when <paramref name="task"/> completes.</summary>
    public static void PipeTo<T>(this Task<T> task, IActorRef recipient, Func<T, object> success, Func<Exception, object> failure, IActorRef? sender = null)
    {
        task.ContinueWith(
            t => recipient.Tell(t.IsCompletedSuccessfully ? success(t.Result) : failure(t.Exception?.GetBaseException() ?? new TaskCanceledException(t)), sender ?? ActorRefs.NoSender),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Tells <paramref name="recipient"/> <c>success()</c> or <c>failure(exception)</c> when <paramref name="task"/> completes.</summary>
    public static void PipeTo(this Task task, IActorRef recipient, Func<object> success, Func<Exception, object> failure, IActorRef? sender = null)
    {
        task.ContinueWith(
            t => recipient.Tell(t.IsCompletedSuccessfully ? success() : failure(t.Exception?.GetBaseException() ?? new TaskCanceledException(t)), sender ?? ActorRefs.NoSender),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
