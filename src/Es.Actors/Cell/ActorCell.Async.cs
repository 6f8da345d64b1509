// ActorCell: async handlers, which suspend user messages until their task completes.
using Es.Actors.Dispatch;

namespace Es.Actors.Cell;

internal sealed partial class ActorCell
{
    /// <summary>
    /// Runs an async handler with the actor's synchronization context installed. If it does not complete
    /// synchronously, user messages stay queued until it does (AsyncCompleted); its continuations run on the actor.
    /// </summary>
    internal void RunTask(Func<Task> action)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        Task task;
        try
        {
            task = action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult(); // a synchronous failure fails the actor right here
            return;
        }
        Volatile.Write(ref _awaitingTask, task);
        task.ContinueWith(
            static (t, state) => ((ActorCell)state!).SelfRef.SendSystemMessage(new AsyncCompleted(t)),
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void RunContinuation(AsyncContinuation continuation)
    {
        if (_actor is null || Mailbox.IsClosed) return; // the actor stopped or failed creation: abandon its async work
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void HandleAsyncCompleted(AsyncCompleted completed)
    {
        if (!ReferenceEquals(completed.Task, _awaitingTask)) return; // from an instance that was restarted meanwhile
        Volatile.Write(ref _awaitingTask, null);
        var message = _currentEnvelope?.Message;
        _currentEnvelope = null;
        if (completed.Task.IsFaulted)
        {
            var cause = completed.Task.Exception!.InnerExceptions.Count == 1 ? completed.Task.Exception.InnerException! : completed.Task.Exception;
            HandleInvokeFailure(cause, message);
        }
        else if (completed.Task.IsCanceled)
        {
            HandleInvokeFailure(new TaskCanceledException(completed.Task), message);
        }
    }
}
