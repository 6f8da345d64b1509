// Typed es.evaluation: how often and how long the mean policy is evaluated.
namespace Es.Core.Configuration;

/// <summary>Evaluation of the mean policy (<c>es.evaluation</c>).</summary>
/// <param name="Every">Evaluate every N generations, 0 = never (<c>every</c>).</param>
/// <param name="Episodes">Episodes per evaluation (<c>episodes</c>).</param>
public sealed record EvaluationSettings(int Every, int Episodes);
