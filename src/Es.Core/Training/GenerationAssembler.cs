// Collects the results of one generation, in task order, ignoring duplicates and stale results.
using Es.Core.Evaluation;

namespace Es.Core.Training;

/// <summary>
/// Holds the results of generation g as they arrive, in any order and possibly more than once
/// (at-least-once delivery, retried tasks). The outcome depends only on which tasks completed,
/// never on arrival order: that is determinism rule 2 of DESIGN.md.
/// </summary>
public sealed class GenerationAssembler
{
    private readonly TaskResult?[] _results;

    /// <summary>Starts collecting <paramref name="taskCount"/> results of <paramref name="generation"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="taskCount"/> is not positive.</exception>
    public GenerationAssembler(long generation, int taskCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(taskCount);
        Generation = generation;
        _results = new TaskResult?[taskCount];
    }

    /// <summary>The generation being collected.</summary>
    public long Generation { get; }

    /// <summary>Tasks in the generation.</summary>
    public int TaskCount => _results.Length;

    /// <summary>Results received so far (distinct tasks).</summary>
    public int Received { get; private set; }

    /// <summary>Duplicates and stale results ignored so far.</summary>
    public int Ignored { get; private set; }

    /// <summary>True when every task has a result.</summary>
    public bool IsComplete => Received == _results.Length;

    /// <summary>Accepts a result; returns false (and counts it) when it is stale, foreign or a duplicate.</summary>
    public bool Add(TaskResult result)
    {
        if (result.Generation != Generation || result.Task < 0 || result.Task >= _results.Length || _results[result.Task] is not null)
        {
            Ignored++;
            return false;
        }
        _results[result.Task] = result;
        Received++;
        return true;
    }

    /// <summary>True when task <paramref name="task"/> already has its result.</summary>
    public bool Has(int task) => _results[task] is not null;

    /// <summary>The results received so far, in task order (a straggler cut-off completes a generation with these).</summary>
    public IReadOnlyList<TaskResult> ReceivedResults() => _results.Where(r => r is not null).ToArray()!;

    /// <summary>The results in task order.</summary>
    /// <exception cref="InvalidOperationException">Some tasks are still missing.</exception>
    public IReadOnlyList<TaskResult> Results()
    {
        if (!IsComplete) throw new InvalidOperationException($"generation {Generation} has {Received} of {_results.Length} results.");
        return _results!;
    }
}
