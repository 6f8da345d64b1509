// A test function's candidates scored several at a time, the same bits as one at a time.
using Es.Core.Normalization;
using Es.Core.Objectives;
using Es.Core.Strategies;

namespace Es.Core.Evaluation;

/// <summary>
/// Evaluates a batch of tasks on a test function <see cref="Lanes"/> candidates at a time: it
/// builds that many candidates side by side and asks the function for all their values at once
/// (<see cref="IObjective.EvaluateMany"/>), whose sums of squares interleave their chains of adds.
/// </summary>
/// <remarks>
/// Each candidate is built by the sampler exactly as <see cref="PairEvaluator.Evaluate"/> builds
/// it, and the function's batch gives each point the bits of its one-point value, so every
/// <see cref="TaskResult"/> is the one a task-by-task evaluation gives. Not thread-safe: one per evaluator.
/// </remarks>
public sealed class ObjectiveLanes : IBatchEvaluator
{
    /// <summary>The lanes an evaluator uses for a test function when es.rollouts.lanes is 0: the four points <see cref="IObjective.EvaluateMany"/> interleaves.</summary>
    public const int AutoLanes = 4;

    private readonly IObjective _objective;
    private readonly float[] _points;
    private readonly double[] _values;
    private readonly int[] _slotTask;
    private readonly int[] _slotSign;

    /// <summary>Creates <paramref name="lanes"/> lanes over <paramref name="objective"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is below 1.</exception>
    public ObjectiveLanes(IObjective objective, int lanes)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _objective = objective;
        _points = new float[checked(lanes * objective.Dimension)];
        _values = new double[lanes];
        _slotTask = new int[lanes];
        _slotSign = new int[lanes];
    }

    /// <summary>Candidates scored together.</summary>
    public int Lanes => _values.Length;

    /// <inheritdoc/>
    public void Evaluate(ICandidateSampler sampler, ObservationNormalizer normalizer, IReadOnlyList<EvaluationTask> tasks, Span<TaskResult> results)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(tasks);
        int dimension = _objective.Dimension;
        if (sampler.Dimension != dimension)
            throw new ArgumentException($"the sampler has {sampler.Dimension} parameters, the test function {dimension}.", nameof(sampler));
        if (results.Length < tasks.Count)
            throw new ArgumentException($"{results.Length} result slots for {tasks.Count} tasks.", nameof(results));
        foreach (EvaluationTask task in tasks)
            if (sampler.Generation != task.Generation)
                throw new ArgumentException($"task is of generation {task.Generation}, the sampler of generation {sampler.Generation}.", nameof(tasks));
        // Fitness −f of each task's + (or only) candidate and − candidate.
        var plus = new double[tasks.Count];
        var minus = new double[tasks.Count];
        int filled = 0;
        for (int t = 0; t < tasks.Count; t++)
        {
            EvaluationTask task = tasks[t];
            Span<float> point = Slot(filled, t, +1);
            if (task.Kind == TaskKind.Evaluate) sampler.Center.CopyTo(point);
            else sampler.Materialize(new Candidate(task.Task, task.NoiseIndex, +1), point);
            if (++filled == Lanes) { Score(filled, plus, minus); filled = 0; }
            if (task.Kind == TaskKind.Train && sampler.CandidatesPerTask == 2)
            {
                sampler.Materialize(new Candidate(task.Task, task.NoiseIndex, -1), Slot(filled, t, -1));
                if (++filled == Lanes) { Score(filled, plus, minus); filled = 0; }
            }
        }
        Score(filled, plus, minus);
        for (int t = 0; t < tasks.Count; t++)
        {
            EvaluationTask task = tasks[t];
            bool pair = task.Kind == TaskKind.Train && sampler.CandidatesPerTask == 2;
            // As PairEvaluator.Evaluate: a test function's evaluation is one step, no statistics.
            results[t] = new TaskResult(task.Generation, task.Task, plus[t], pair ? minus[t] : double.NaN, 1, pair ? 1 : 0, null);
        }
    }

    private Span<float> Slot(int slot, int task, int sign)
    {
        _slotTask[slot] = task;
        _slotSign[slot] = sign;
        return _points.AsSpan(slot * _objective.Dimension, _objective.Dimension);
    }

    // Scores the first `filled` slots into their tasks' fitness (−f, as ObjectiveFitness).
    private void Score(int filled, double[] plus, double[] minus)
    {
        if (filled == 0) return;
        Span<double> values = _values.AsSpan(0, filled);
        _objective.EvaluateMany(_points.AsSpan(0, filled * _objective.Dimension), values);
        for (int s = 0; s < filled; s++)
        {
            if (_slotSign[s] > 0) plus[_slotTask[s]] = -values[s];
            else minus[_slotTask[s]] = -values[s];
        }
    }
}
