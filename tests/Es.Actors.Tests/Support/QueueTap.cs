// Stands in for a node's evaluators in feed tests: takes every request from the WorkQueue, as evaluators do, and hands it to a probe.
using Es.Actors.Evolution;

namespace Es.Actors.Tests.Support;

/// <summary>
/// Takes requests from <c>queue</c> the way an <see cref="Evaluator"/> does (parked when the queue
/// is empty, told the next one directly), but at once and all of them, passing each to
/// <c>probe</c> with the feed as sender, so a test sees what the feed queued and answers as an
/// evaluator would.
/// </summary>
public sealed class QueueTap : ReceiveActor
{
    private readonly WorkQueue _queue;
    private readonly IActorRef _probe;

    public QueueTap(WorkQueue queue, IActorRef probe)
    {
        _queue = queue;
        _probe = probe;
        Receive<Evaluate>(e =>
        {
            probe.Forward(e);
            TakeAll();
        });
    }

    protected override void PreStart() => TakeAll();

    private void TakeAll()
    {
        while (_queue.TakeOrPark(Self, out var next)) _probe.Tell(next.Request, next.ReplyTo);
    }
}
