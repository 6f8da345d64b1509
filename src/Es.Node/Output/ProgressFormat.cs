// The words and numbers of training progress, shared by the plain lines, the live table and the summary.
using System.Globalization;
using Es.Core.Runs;
using Es.Core.Training;

namespace Es.Node.Output;

/// <summary>Formats progress the same way wherever it is shown, so logs and the terminal read alike.</summary>
internal static class ProgressFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One plain line per generation: <c>gen 12  steps 92,556  return 350.5 (max 500.0)  eval 462.8  19,834 steps/s  elapsed 0:12</c>.</summary>
    public static string Line(GenerationMetrics m, TimeSpan elapsed) =>
        string.Create(Invariant,
            $"gen {m.Generation}  steps {m.Timesteps:N0}  return {Number(m.ReturnMean)} (max {Number(m.ReturnMax)})  eval {Evaluation(m)}  {m.StepsPerSecond:N0} steps/s  elapsed {Elapsed(elapsed)}");

    /// <summary>A return with one decimal.</summary>
    public static string Number(double value) => value.ToString("F1", Invariant);

    /// <summary>The evaluation return of a generation, or "-" when it was not evaluated.</summary>
    public static string Evaluation(GenerationMetrics m) => m.EvaluationReturn is { } e ? Number(e) : "-";

    /// <summary>Elapsed time as m:ss or h:mm:ss.</summary>
    public static string Elapsed(TimeSpan t) =>
        t.TotalHours >= 1
            ? string.Create(Invariant, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(Invariant, $"{t.Minutes}:{t.Seconds:00}");

    /// <summary>Why a run stopped, in words.</summary>
    public static string Reason(StopReason reason) => reason switch
    {
        StopReason.Goal => "goal reached",
        StopReason.GenerationBudget => "generation budget spent (es.run.max-generations)",
        StopReason.TimestepBudget => "timestep budget spent (es.run.max-timesteps)",
        StopReason.Interrupted => "interrupted (Ctrl-C)",
        StopReason.Failed => "failed",
        StopReason.EndedElsewhere => "the run ended on another head",
        _ => reason.ToString(),
    };

    /// <summary>An evaluation summary in one phrase, or "none".</summary>
    public static string Summary(EvaluationSummary? e) =>
        e is null
            ? "none"
            : string.Create(Invariant, $"mean {Number(e.Mean)}, std {Number(e.Std)}, min {Number(e.Min)}, max {Number(e.Max)} over {e.Episodes} episodes");
}
