// When a run stops: a reward goal held for K consecutive evaluations, or a generation or timestep budget.
using Es.Core.Configuration;

namespace Es.Core.Training;

/// <summary>Why a run ended.</summary>
public enum StopReason
{
    /// <summary>The evaluation return reached the goal for the required number of consecutive evaluations.</summary>
    Goal,

    /// <summary>The generation budget is spent.</summary>
    GenerationBudget,

    /// <summary>The timestep budget is spent.</summary>
    TimestepBudget,

    /// <summary>The user interrupted the run (Ctrl-C).</summary>
    Interrupted,

    /// <summary>The run failed (for example, no evaluators are left).</summary>
    Failed,

    /// <summary>Cluster mode: the run ended on another head-role node (this one stood by).</summary>
    EndedElsewhere,
}

/// <summary>
/// The stopping rules of <c>es.run</c>. The goal is checked on θ's evaluation before the
/// generation's update is applied, so a run that stops on its goal keeps the very parameters
/// that met it; budgets are checked after the update.
/// </summary>
public sealed class StopRule
{
    private readonly double? _goal;
    private readonly int _consecutive;
    private readonly long _maxGenerations;
    private readonly long _maxTimesteps;

    /// <summary>Creates the rule from the run settings.</summary>
    public StopRule(RunSettings run)
        : this(run.GoalReturn, run.GoalConsecutive, run.MaxGenerations, run.MaxTimesteps)
    {
    }

    /// <summary>Creates the rule from its parts (0 = no budget; null = no goal).</summary>
    public StopRule(double? goal, int consecutive, long maxGenerations, long maxTimesteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutive, 1);
        _goal = goal;
        _consecutive = consecutive;
        _maxGenerations = maxGenerations;
        _maxTimesteps = maxTimesteps;
    }

    /// <summary>Consecutive evaluations so far at or above the goal (checkpointed so a resumed run stops where the original would).</summary>
    public int Streak { get; set; }

    /// <summary>Counts an evaluation towards the goal; true when the goal has now held long enough.</summary>
    public bool GoalReached(EvaluationSummary? evaluation)
    {
        if (_goal is not { } goal || evaluation is null) return false;
        Streak = evaluation.Mean >= goal ? Streak + 1 : 0;
        return Streak >= _consecutive;
    }

    /// <summary>The budget that is spent after <paramref name="generations"/> generations and <paramref name="timesteps"/> steps, if any.</summary>
    public StopReason? BudgetSpent(long generations, long timesteps)
    {
        if (_maxGenerations > 0 && generations >= _maxGenerations) return StopReason.GenerationBudget;
        if (_maxTimesteps > 0 && timesteps >= _maxTimesteps) return StopReason.TimestepBudget;
        return null;
    }
}
