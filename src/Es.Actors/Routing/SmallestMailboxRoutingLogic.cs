// Picks the least loaded routee by looking at mailbox sizes.
using Es.Actors.Cell;

namespace Es.Actors.Routing;

/// <summary>
/// Prefers a routee that is idle (nothing queued, not running, not awaiting an async handler, not suspended); otherwise
/// the one with the fewest queued messages, counting a busy one as one more. Ties go to the earlier routee.
/// </summary>
public sealed class SmallestMailboxRoutingLogic : RoutingLogic
{
    /// <inheritdoc/>
    public override IActorRef Select(object message, IReadOnlyList<IActorRef> routees)
    {
        IActorRef? best = null;
        var bestScore = long.MaxValue;
        foreach (var routee in routees)
        {
            long score;
            if (routee is LocalActorRef local)
            {
                if (local.IsTerminated) continue;
                var queued = local.Cell.Mailbox.NumberOfMessages;
                var busy = local.Cell.IsBusy;
                if (queued == 0 && !busy) return routee;
                score = queued + (busy ? 1 : 0);
            }
            else
            {
                score = long.MaxValue - 1; // cannot see its mailbox: only if nothing better
            }
            if (score < bestScore)
            {
                bestScore = score;
                best = routee;
            }
        }
        return best ?? routees[0];
    }
}
