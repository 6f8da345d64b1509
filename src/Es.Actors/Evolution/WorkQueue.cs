// A node's queue of ready evaluations: the feed adds, each evaluator takes its next task itself when done.
using Akka.Actor;

namespace Es.Actors.Evolution;

/// <summary>
/// The node-local hand-over between a <see cref="TaskFeed"/> and its evaluators (pull model):
/// the feed adds <see cref="Evaluate"/> requests; an <see cref="Evaluator"/> that has finished
/// a task takes the next one itself, on its own thread, with no turn of the feed or the router
/// in between. An evaluator that finds the queue empty is parked, and the next request added
/// is told to it directly. Nothing here acknowledges anything: a request in the queue is still
/// counted in flight by the feed, and one told to an evaluator that has stopped becomes a dead
/// letter that the feed routes again. An evaluator with lockstep lanes takes more requests of
/// its request's generation at once (<see cref="TakeSameGeneration"/>). Thread-safe.
/// </summary>
public sealed class WorkQueue
{
    private readonly object _gate = new();
    private readonly Queue<(Evaluate Request, IActorRef ReplyTo)> _ready = new();
    private readonly List<IActorRef> _parked = [];

    /// <summary>Requests waiting for an evaluator.</summary>
    public int Count
    {
        get { lock (_gate) return _ready.Count; }
    }

    /// <summary>Hands <paramref name="request"/> to a parked evaluator, or queues it for the next one that asks.</summary>
    /// <param name="request">The evaluation.</param>
    /// <param name="replyTo">Who gets the <see cref="Evaluated"/> (or <see cref="EvaluationAbandoned"/>) answer: the feed.</param>
    public void Add(Evaluate request, IActorRef replyTo)
    {
        IActorRef? idle = null;
        lock (_gate)
        {
            if (_parked.Count > 0)
            {
                idle = _parked[^1];
                _parked.RemoveAt(_parked.Count - 1);
            }
            else
            {
                _ready.Enqueue((request, replyTo));
            }
        }
        idle?.Tell(request, replyTo);
    }

    /// <summary>Takes the oldest waiting request for <paramref name="evaluator"/>, or parks it until one is added.</summary>
    /// <param name="evaluator">The asking evaluator.</param>
    /// <param name="next">The request and who to answer, when there was one.</param>
    /// <returns>Whether a request was taken.</returns>
    public bool TakeOrPark(IActorRef evaluator, out (Evaluate Request, IActorRef ReplyTo) next)
    {
        lock (_gate)
        {
            if (_ready.TryDequeue(out next)) return true;
            if (!_parked.Contains(evaluator)) _parked.Add(evaluator);
            return false;
        }
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> more requests for the parameters <paramref name="parameters"/>,
    /// from the front of the queue only, so requests keep their order and a batch never mixes
    /// generations (nor the snapshots of a generation the replica rolled back to): it stops at
    /// the first request for other parameters. Never parks anyone.
    /// </summary>
    /// <param name="parameters">The snapshot every request taken must carry (compared by reference).</param>
    /// <param name="max">The most requests to take.</param>
    /// <param name="into">Receives the requests taken and who to answer, in queue order.</param>
    /// <returns>The number taken.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is negative.</exception>
    public int TakeSameGeneration(ParametersSnapshot parameters, int max, List<(Evaluate Request, IActorRef ReplyTo)> into)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(into);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        int taken = 0;
        lock (_gate)
        {
            while (taken < max && _ready.TryPeek(out var next) && ReferenceEquals(next.Request.Parameters, parameters))
            {
                into.Add(_ready.Dequeue());
                taken++;
            }
        }
        return taken;
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> waiting requests of <paramref name="generation"/> out of the
    /// queue, the most recently added first (the ones its evaluators would reach last), so the head
    /// can give them to a node that has run out of work. No evaluator has begun them; the others
    /// keep their order.
    /// </summary>
    /// <param name="generation">The generation whose requests to take.</param>
    /// <param name="max">The most requests to take.</param>
    /// <param name="into">Receives the requests taken, the most recently added first.</param>
    /// <returns>The number taken.</returns>
    public int TakeBack(long generation, int max, List<Evaluate> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        lock (_gate)
        {
            if (max <= 0 || _ready.Count == 0) return 0;
            var all = _ready.ToArray();
            var keep = new bool[all.Length];
            int taken = 0;
            for (int i = all.Length - 1; i >= 0; i--)
            {
                if (taken < max && all[i].Request.Delivery.Task.Generation == generation)
                {
                    into.Add(all[i].Request);
                    taken++;
                }
                else
                {
                    keep[i] = true;
                }
            }
            _ready.Clear();
            for (int i = 0; i < all.Length; i++)
                if (keep[i]) _ready.Enqueue(all[i]);
            return taken;
        }
    }

    /// <summary>Forgets a parked evaluator (it is stopping), so requests are not told to it.</summary>
    /// <param name="evaluator">The evaluator.</param>
    public void Unpark(IActorRef evaluator)
    {
        lock (_gate) _parked.Remove(evaluator);
    }
}
