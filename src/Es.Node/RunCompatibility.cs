// Refuses a node whose settings would not reproduce the run's numbers (noise table, task, policy, strategy, seed).
using Es.Core.Checkpoints;
using Es.Core.Configuration;

namespace Es.Node;

/// <summary>
/// A node with another noise table, policy or strategy would compute different fitnesses for the
/// same task and silently break a run's exactness. Before it evaluates anything, a node compares
/// its settings with the configuration the run's first head stored in the learner state every
/// replica holds.
/// </summary>
internal static class RunCompatibility
{
    /// <summary>A message naming every setting that differs from the run's, or null when the node fits.</summary>
    /// <param name="mine">This node's settings.</param>
    /// <param name="run">The run's state, as this node's replica received it.</param>
    public static string? Check(EsSettings mine, Checkpoint run)
    {
        EsSettings head = SettingsLoader.ParseSaved(run.Configuration, "the head's configuration");
        var differences = new List<string>();
        void Compare<T>(string key, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b)) differences.Add($"{key}: this node has {a}, the head {b}");
        }
        Compare("es.run.seed", mine.Run.Seed, head.Run.Seed);
        Compare("es.noise.seed", mine.Noise.Seed, head.Noise.Seed);
        Compare("es.noise.size", mine.Noise.Size, head.Noise.Size);
        Compare("es.env", mine.Env, head.Env);
        Compare("es.policy", mine.Policy, head.Policy);
        Compare("es.strategy", mine.Strategy, head.Strategy);
        Compare("es.normalization", mine.Normalization, head.Normalization);
        Compare("es.evaluation", mine.Evaluation, head.Evaluation);
        return differences.Count == 0
            ? null
            : $"this node's settings do not match run '{mine.Cluster.RunId}' and would break its exactness: {string.Join("; ", differences)}";
    }
}
