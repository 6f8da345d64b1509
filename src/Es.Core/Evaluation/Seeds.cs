// Derivation of every per-task seed from the run seed: the heart of determinism rule 1.
using Es.Core.Random;

namespace Es.Core.Evaluation;

/// <summary>
/// Pure functions from (run seed, generation, index) to the seeds a task uses, so a task's
/// result does not depend on which node evaluates it, or when.
/// </summary>
public static class Seeds
{
    private const ulong EnvironmentDomain = 0x454E56;    // "ENV"
    private const ulong EvaluationDomain = 0x4556414C;   // "EVAL"
    private const ulong StatisticsDomain = 0x53544154;   // "STAT"
    private const ulong ActionNoiseDomain = 0x4E4F4953;  // "NOIS"

    /// <summary>Reset seed of the environment for task <paramref name="task"/> of generation <paramref name="generation"/> (shared by a mirrored pair).</summary>
    public static ulong Environment(ulong runSeed, long generation, int task) =>
        Rng.Mix(Rng.Mix(runSeed ^ EnvironmentDomain, (ulong)generation), (ulong)task);

    /// <summary>Reset seed of evaluation episode <paramref name="episode"/> after generation <paramref name="generation"/>.</summary>
    public static ulong Evaluation(ulong runSeed, long generation, int episode) =>
        Rng.Mix(Rng.Mix(runSeed ^ EvaluationDomain, (ulong)generation), (ulong)episode);

    /// <summary>Seed of the action-noise stream of an episode, derived from its reset seed.</summary>
    public static ulong ActionNoise(ulong episodeSeed) => Rng.Mix(episodeSeed, ActionNoiseDomain);

    /// <summary>Seed of episode <paramref name="episode"/> when a candidate averages several episodes.</summary>
    public static ulong Episode(ulong taskSeed, int episode) => episode == 0 ? taskSeed : Rng.Mix(taskSeed, (ulong)episode);

    /// <summary>Whether task <paramref name="task"/> of generation <paramref name="generation"/> contributes observation statistics.</summary>
    /// <remarks>A deterministic coin with probability <paramref name="probability"/> (evolution-strategies-starter samples 1% of episodes).</remarks>
    public static bool CollectsStatistics(ulong runSeed, long generation, int task, double probability)
    {
        if (probability >= 1.0) return true;
        if (probability <= 0.0) return false;
        var rng = new Rng(Rng.Mix(Rng.Mix(runSeed ^ StatisticsDomain, (ulong)generation), (ulong)task));
        return rng.NextDouble() < probability;
    }
}
