// Batch evaluators that write down which tasks each finished batch held, so tests can tell batches apart by their contents.
using System.Collections.Concurrent;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Strategies;

namespace Es.Actors.Tests.Support;

/// <summary>
/// Wraps batch evaluators and records, for every batch that finished without throwing, the
/// (generation, task) pairs it evaluated, across every evaluator it wrapped. Equal measured times
/// cannot tell two batches apart (two short batches may take the same time); this can.
/// </summary>
public sealed class BatchRecorder
{
    private readonly ConcurrentQueue<(long Generation, int Task)[]> _batches = new();

    /// <summary>The finished batches, in the order they finished.</summary>
    public IReadOnlyList<(long Generation, int Task)[]> Batches => _batches.ToArray();

    /// <summary>A factory of recording evaluators around <paramref name="inner"/>'s.</summary>
    public Func<IBatchEvaluator> Wrap(Func<IBatchEvaluator> inner) => () => new Recording(inner(), _batches);

    private sealed class Recording(IBatchEvaluator inner, ConcurrentQueue<(long, int)[]> batches) : IBatchEvaluator
    {
        public void Evaluate(ICandidateSampler sampler, ObservationNormalizer normalizer, IReadOnlyList<EvaluationTask> tasks, Span<TaskResult> results)
        {
            inner.Evaluate(sampler, normalizer, tasks, results);
            batches.Enqueue(tasks.Select(t => (t.Generation, t.Task)).ToArray());
        }
    }
}
