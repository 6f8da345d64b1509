// How a run ended: why, where, and with which policy.
using Es.Core.Training;

namespace Es.Actors.Hosting;

/// <summary>The end of a run.</summary>
/// <param name="Reason">Why it stopped.</param>
/// <param name="Generation">Generations completed (the generation of the final parameters).</param>
/// <param name="Parameters">The final θ.</param>
/// <param name="LastEvaluation">The last evaluation of θ, when there was one.</param>
/// <param name="Error">What went wrong, when <paramref name="Reason"/> is <see cref="StopReason.Failed"/>.</param>
/// <param name="FinalCheckpoint">Path of the final checkpoint, when a run directory was given.</param>
public sealed record RunOutcome(StopReason Reason, long Generation, float[] Parameters, EvaluationSummary? LastEvaluation, string? Error, string? FinalCheckpoint);
