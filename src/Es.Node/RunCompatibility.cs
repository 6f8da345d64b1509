// Refuses a node whose settings would not reproduce the run's numbers (noise table, task, policy, strategy, seed).
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Configuration.Hocon;

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
        Dictionary<string, string> theirs = NumberKeys(head), ours = NumberKeys(mine);
        var differences = ours.Keys.Union(theirs.Keys).Order(StringComparer.Ordinal)
            .Where(key => ours.GetValueOrDefault(key) != theirs.GetValueOrDefault(key))
            .Select(key => $"{key}: this node has {ours.GetValueOrDefault(key) ?? "nothing"}, the head {theirs.GetValueOrDefault(key) ?? "nothing"}")
            .ToList();
        return differences.Count == 0
            ? null
            : $"this node's settings do not match run '{mine.Cluster.RunId}' and would break its exactness: {string.Join("; ", differences)}";
    }

    // The settings that decide a run's numbers, as key = value (rendered like the checkpoint's configuration).
    private static Dictionary<string, string> NumberKeys(EsSettings settings)
    {
        string[] sections = ["es.run.seed", "es.noise.", "es.env.", "es.policy.", "es.strategy.", "es.normalization.", "es.evaluation."];
        HoconObject root = HoconParser.ParseString(settings.ToHocon(), "settings");
        return root.GetLeaves()
            .Where(leaf => sections.Any(s => leaf.Key == s || (s.EndsWith('.') && leaf.Key.StartsWith(s, StringComparison.Ordinal))))
            .ToDictionary(leaf => leaf.Key, leaf => Text(leaf.Value), StringComparer.Ordinal);
    }

    private static string Text(HoconValue value) => value switch
    {
        HoconArray array => "[" + string.Join(", ", array.Items.Select(Text)) + "]",
        HoconScalar scalar => scalar.Text,
        _ => value.Type.ToString(),
    };
}
