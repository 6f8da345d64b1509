// Supervision that applies each directive to all children when one fails.
using Es.Actors.Cell;

namespace Es.Actors.Supervision;

/// <summary>
/// Applies Restart or Stop to every child when one fails (Resume and Escalate still concern the failed child only),
/// for children whose states depend on one another. The budget must allow a restart of every child, else all stop.
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed per child within the window; -1 unlimited.</param>
    /// <param name="withinTimeRange">The window; zero or infinite for no window.</param>
    /// <param name="decider">Maps a failure to a directive.</param>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider) { }

    /// <summary>Unlimited restarts, with the given decider.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider) : this(-1, TimeSpan.Zero, decider) { }

    private protected override void ProcessFailure(ActorCell parent, bool restart, ChildEntry failed, Exception cause, IReadOnlyList<ChildEntry> children)
    {
        if (children.Count == 0) return;
        if (restart && children.All(RequestRestartPermission))
        {
            foreach (var child in children) RestartChild(child, cause, suspendFirst: !ReferenceEquals(child, failed));
        }
        else
        {
            foreach (var child in children) parent.Stop(child.Ref);
        }
    }
}
