// Typed es.rollouts: how an evaluator steps its episodes.
namespace Es.Core.Configuration;

/// <summary>How evaluators run episodes (<c>es.rollouts</c>).</summary>
/// <param name="Lanes">
/// Episodes an evaluator steps together in lockstep, SIMD across episodes (for a test function:
/// candidates it scores together); 0 = chosen from the policy's size and the CPU's cache (4 for a
/// test function), 1 = one at a time (<c>lanes</c>). Results are the same bits whatever the value.
/// </param>
public sealed record RolloutSettings(int Lanes);
