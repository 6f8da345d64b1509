// ActorCell: failure, suspension, restart and termination, following Akka's FaultHandling.
using Es.Actors.Dispatch;
using Es.Actors.Event;

namespace Es.Actors.Cell;

internal sealed partial class ActorCell
{
    private int _suspendCount;
    private IActorRef? _perpetrator; // set while failed: this actor, or the child whose failure we escalated
    private object? _failedMessage;
    private PendingAction _pending;
    private Exception? _pendingCause;

    /// <summary>What a cell does once the children it is stopping are all gone.</summary>
    private enum PendingAction
    {
        None,
        Creation,
        Recreation,
        Termination,
    }

    private bool IsFailed => _perpetrator is not null;

    /// <summary>
    /// The actor (or a child's escalated failure) threw: stop taking user messages, suspend the children, and ask the
    /// parent for a directive. The failing message is kept for PreRestart; the rest of the mailbox waits.
    /// </summary>
    private void HandleInvokeFailure(Exception cause, object? message, IActorRef? perpetrator = null)
    {
        if (_isTerminating)
        {
            _system.EmitLog(LogLevel.Error, SelfRef.Path.ToString(), cause, $"Failure while stopping: {cause.Message}");
            return;
        }
        if (IsFailed) return; // already waiting for the supervisor's directive
        _suspendCount++;
        _perpetrator = perpetrator ?? SelfRef;
        _failedMessage = perpetrator is null ? message : null;
        SuspendChildren(except: perpetrator);
        _parent.SendSystemMessage(new Failed(SelfRef, cause));
    }

    /// <summary>A child failed: apply our supervisor strategy, or escalate by failing ourselves with the same exception.</summary>
    private void HandleFailed(Failed failed)
    {
        if (_isTerminating) return; // every child is being stopped anyway
        ChildEntry? entry;
        lock (_childrenLock) entry = TryGetChild(failed.Child, out var e) && !e.Stopping ? e : null;
        if (entry is null)
        {
            _system.EmitLog(LogLevel.Debug, SelfRef.Path.ToString(), failed.Cause, $"Dropping failure of stopped or unknown child {failed.Child.Path}");
            return;
        }
        var strategy = _actor?.SupervisorStrategyInternal() ?? Props.SupervisorStrategy ?? Supervision.SupervisorStrategy.DefaultStrategy;
        if (!strategy.HandleFailure(this, entry, failed.Cause, LiveChildren()))
            HandleInvokeFailure(failed.Cause, null, perpetrator: failed.Child);
    }

    private void FaultSuspend()
    {
        _suspendCount++;
        SuspendChildren(except: null);
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (_actor is null)
        {
            FaultCreate(); // it failed during creation: "resuming" means trying to create it again
            return;
        }
        var perpetrator = _perpetrator;
        if (_suspendCount > 0) _suspendCount--;
        if (causedByFailure is not null) ClearFailed();
        ResumeChildren(causedByFailure, perpetrator);
    }

    /// <summary>Restart: PreRestart on the old instance, wait for the children it stopped, then a fresh instance.</summary>
    private void FaultRecreate(Exception cause)
    {
        if (_actor is null)
        {
            FaultCreate();
            return;
        }
        if (_isTerminating)
        {
            FaultResume(null); // keep the suspend count balanced; the stop wins
            return;
        }
        var failed = _actor;
        var message = ReferenceEquals(_perpetrator, SelfRef) ? _failedMessage : null;
        try
        {
            failed.PreRestartInternal(cause, message);
        }
        catch (Exception e)
        {
            _system.EmitLog(LogLevel.Error, SelfRef.Path.ToString(), e, $"PreRestart failed (restarting anyway): {e.Message}");
        }
        finally
        {
            ResetActorState();
        }
        if (AnyStoppingChildren()) SetPending(PendingAction.Recreation, cause);
        else FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        var survivors = LiveChildren();
        if (_suspendCount > 0) _suspendCount--;
        ClearFailed();
        try
        {
            NewActor().PostRestartInternal(cause);
        }
        catch (Exception e)
        {
            _actor = null;
            HandleInvokeFailure(new ActorInitializationException(SelfRef, $"Exception after restart of {SelfRef.Path}: {e.Message}", e), null);
            return;
        }
        // Children the old instance kept were suspended with us; they restart now that we are up again.
        foreach (var child in survivors) child.Ref.SendSystemMessage(new Recreate(cause));
    }

    /// <summary>Creation failed earlier and the supervisor wants another try: stop any children, then create anew.</summary>
    private void FaultCreate()
    {
        CancelReceiveTimeout();
        StopAllChildren();
        if (AnyStoppingChildren()) SetPending(PendingAction.Creation, null);
        else FinishCreate();
    }

    private void FinishCreate()
    {
        if (_suspendCount > 0) _suspendCount--;
        ClearFailed();
        try
        {
            CreateActor();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, null);
        }
    }

    /// <summary>Stop: no more user messages, children first, then PostStop and the death notifications.</summary>
    private void HandleTerminate()
    {
        if (_isTerminating) return;
        lock (_childrenLock) _isTerminating = true;
        CancelReceiveTimeout();
        _timers?.CancelAll();
        StopAllChildren();
        SetPending(PendingAction.Termination, null);
        if (!AnyStoppingChildren()) FinishPending();
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        try
        {
            actor?.PostStopInternal();
        }
        catch (Exception e)
        {
            _system.EmitLog(LogLevel.Error, SelfRef.Path.ToString(), e, $"PostStop failed: {e.Message}");
        }
        finally
        {
            _actor = null;
            _behaviors.Clear();
            _awaitingTask = null;
            _currentEnvelope = null;
            UnstashAllOnRestart(); // stashed messages become dead letters with the rest of the mailbox
            Mailbox.Close();
            TellWatchersWeDied();
            UnwatchWatchedActors();
        }
    }

    private void SetPending(PendingAction action, Exception? cause)
    {
        _pending = action;
        _pendingCause = cause;
    }

    private void FinishPending()
    {
        var action = _pending;
        var cause = _pendingCause;
        SetPending(PendingAction.None, null);
        switch (action)
        {
            case PendingAction.Creation: FinishCreate(); break;
            case PendingAction.Recreation: FinishRecreate(cause!); break;
            case PendingAction.Termination: FinishTerminate(); break;
        }
    }

    private void ClearFailed()
    {
        _perpetrator = null;
        _failedMessage = null;
    }

    /// <summary>Forgets per-instance state so nothing of the failed instance leaks into its replacement.</summary>
    private void ResetActorState()
    {
        _behaviors.Clear();
        _timers?.CancelAll();
        CancelReceiveTimeout();
        _receiveTimeout = null;
        _awaitingTask = null;
        _currentEnvelope = null;
        UnstashAllOnRestart();
    }
}
