// The outcome of a plain ask/tell loop on a test function, as the strategy tests report it.
namespace Es.Core.Tests.Strategies;

/// <summary>What an ask/tell run on a test function reached.</summary>
/// <param name="Best">The lowest f over every evaluated candidate.</param>
/// <param name="CenterValue">f at the center when the run stopped.</param>
/// <param name="Evaluations">Candidates evaluated.</param>
/// <param name="Generations">Generations told.</param>
/// <param name="EvaluationsToTarget">Evaluations until a candidate first reached f &lt; target, or null.</param>
internal sealed record LoopResult(double Best, double CenterValue, long Evaluations, long Generations, long? EvaluationsToTarget)
{
    public override string ToString() =>
        $"best f {Best:E3}, f(center) {CenterValue:E3}, {Evaluations} evaluations in {Generations} generations, to target: {EvaluationsToTarget?.ToString() ?? "not reached"}";
}
