// Supervision that applies each directive to the failed child only.
using Es.Actors.Cell;

namespace Es.Actors.Supervision;

/// <summary>Applies the directive to the failed child alone; the usual choice when children are independent.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed per child within the window; -1 unlimited; over budget the child is stopped.</param>
    /// <param name="withinTimeRange">The window; zero or infinite for no window.</param>
    /// <param name="decider">Maps a failure to a directive.</param>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider) { }

    /// <summary>Unlimited restarts, with the given decider.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider) : this(-1, TimeSpan.Zero, decider) { }

    private protected override void ProcessFailure(ActorCell parent, bool restart, ChildEntry failed, Exception cause, IReadOnlyList<ChildEntry> children)
    {
        if (restart && RequestRestartPermission(failed)) RestartChild(failed, cause, suspendFirst: false);
        else parent.Stop(failed.Ref);
    }
}
