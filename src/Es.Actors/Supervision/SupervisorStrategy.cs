// How a parent answers its children's failures; the base of OneForOne and AllForOne.
using Es.Actors.Cell;
using Es.Actors.Dispatch;
using Es.Actors.Event;

namespace Es.Actors.Supervision;

/// <summary>
/// A parent's policy for failed children: a decider maps the exception to a <see cref="Directive"/>, and the
/// strategy applies it to the failed child only (<see cref="OneForOneStrategy"/>) or to all children
/// (<see cref="AllForOneStrategy"/>). Restarts are limited by a retry budget; a child over budget is stopped.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>Creates a strategy with its budget and decider.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed per child within the window; -1 means unlimited, 0 means never restart.</param>
    /// <param name="withinTimeRange">The window; zero or infinite means the budget counts over the child's whole life.</param>
    /// <param name="decider">Maps a failure to a directive.</param>
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (maxNrOfRetries < -1) throw new ArgumentOutOfRangeException(nameof(maxNrOfRetries), "Use -1 for unlimited retries.");
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Akka's default: restart on any exception, up to unlimited times (see <see cref="DefaultDecider"/>).</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(-1, TimeSpan.Zero, DefaultDecider);

    /// <summary>Stops any failing child.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(-1, TimeSpan.Zero, _ => Directive.Stop);

    /// <summary>Restarts allowed per child within <see cref="WithinTimeRange"/>; -1 is unlimited.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window in which <see cref="MaxNrOfRetries"/> applies.</summary>
    public TimeSpan WithinTimeRange { get; }

    /// <summary>Maps a failure to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>
    /// Akka's default decider: stop on <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/> and
    /// <see cref="DeathPactException"/> (retrying them would fail again), restart on anything else.
    /// </summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>Applies the decider; returns false to escalate.</summary>
    internal bool HandleFailure(ActorCell parent, ChildEntry failed, Exception cause, IReadOnlyList<ChildEntry> children)
    {
        var directive = Decider(cause);
        switch (directive)
        {
            case Directive.Resume:
                LogFailure(parent, failed.Ref, cause, directive);
                failed.Ref.SendSystemMessage(new Resume(cause));
                return true;
            case Directive.Restart:
                LogFailure(parent, failed.Ref, cause, directive);
                ProcessFailure(parent, restart: true, failed, cause, children);
                return true;
            case Directive.Stop:
                LogFailure(parent, failed.Ref, cause, directive);
                ProcessFailure(parent, restart: false, failed, cause, children);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Restarts or stops the affected children, honoring the retry budget.</summary>
    private protected abstract void ProcessFailure(ActorCell parent, bool restart, ChildEntry failed, Exception cause, IReadOnlyList<ChildEntry> children);

    private protected bool RequestRestartPermission(ChildEntry child) => child.Stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange);

    /// <summary>Restarts one child; siblings (not the failed one) are suspended first so they stop taking messages at once.</summary>
    private protected static void RestartChild(ChildEntry child, Exception cause, bool suspendFirst)
    {
        if (suspendFirst) child.Ref.SendSystemMessage(Suspend.Instance);
        child.Ref.SendSystemMessage(new Recreate(cause));
    }

    private static void LogFailure(ActorCell parent, IActorRef child, Exception cause, Directive directive) =>
        parent.System.EmitLog(LogLevel.Error, child.Path.ToString(), cause,
            $"{cause.GetType().Name}: {cause.Message} (supervisor {parent.Self.Path} decided {directive})");
}
