// Stands in for the head in feed tests: answers each request for work from its stock of tasks, as the coordinator does, and shows a probe everything it receives.
using Es.Actors.Evolution;
using Es.Core.Evaluation;

namespace Es.Actors.Tests.Support;

/// <summary>
/// Answers <see cref="RequestWork"/> with one <see cref="WorkBatch"/> of at most the number asked
/// for, taken from its stock in order; a request it cannot serve waits until tasks are added
/// (<see cref="Add"/>), as the coordinator's does. Every message it receives reaches
/// <c>probe</c>, sender preserved.
/// </summary>
public sealed class HeadStub : ReceiveActor
{
    private readonly Queue<EvaluationTask> _stock;
    private (IActorRef Feed, int Max)? _waiting;

    public HeadStub(IEnumerable<EvaluationTask> tasks, IActorRef probe)
    {
        _stock = new Queue<EvaluationTask>(tasks);
        Receive<RequestWork>(r =>
        {
            probe.Forward(r);
            _waiting = (Sender, r.Max);
            Serve();
        });
        Receive<Add>(a =>
        {
            foreach (EvaluationTask t in a.Tasks) _stock.Enqueue(t);
            Serve();
        });
        ReceiveAny(m => probe.Forward(m));
    }

    /// <summary>More tasks to hand out.</summary>
    public sealed record Add(IReadOnlyList<EvaluationTask> Tasks);

    private void Serve()
    {
        if (_waiting is not { } w || _stock.Count == 0) return;
        var batch = new List<EvaluationTask>();
        while (batch.Count < w.Max && _stock.Count > 0) batch.Add(_stock.Dequeue());
        _waiting = null;
        w.Feed.Tell(new WorkBatch(batch));
    }
}
