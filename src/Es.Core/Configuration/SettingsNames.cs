// The configuration spelling of each enum value (kebab-case), for reading and writing settings.
namespace Es.Core.Configuration;

using Es.Core.Text;
using Es.Core.Policies;
using Es.Core.Strategies;
using Es.Core.Optimizers;

using Es.Core.Configuration.Hocon;

/// <summary>
/// Maps enum values to the names written in configuration files and back. Unknown names are
/// refused with the allowed ones listed and a near miss suggested.
/// </summary>
internal static class SettingsNames
{
    public static readonly (string Name, PolicyKind Value)[] PolicyTypes = [("linear", PolicyKind.Linear), ("mlp", PolicyKind.Mlp), ("gru", PolicyKind.Gru), ("lstm", PolicyKind.Lstm), ("conv", PolicyKind.Conv)];

    public static readonly (string Name, Activation Value)[] Activations = [("tanh", Activation.Tanh), ("relu", Activation.Relu)];

    public static readonly (string Name, FitnessShapingKind Value)[] FitnessShapings =
        [("centered-ranks", FitnessShapingKind.CenteredRanks), ("z-score", FitnessShapingKind.ZScore), ("raw", FitnessShapingKind.Raw)];

    public static readonly (string Name, OptimizerType Value)[] OptimizerTypes = [("adam", OptimizerType.Adam), ("sgd", OptimizerType.Sgd)];

    /// <summary>The strategies es.strategy.name accepts.</summary>
    public static readonly string[] Strategies = ["openai-es", "pepg", "snes", "ars-v1", "ars-v1t", "ars-v2", "ars-v2t", "cma-es", "simple-ga", "simple-gaussian"];

    public static T Read<T>(HoconObject root, string path, (string Name, T Value)[] table)
        where T : struct, Enum
    {
        string text = root.GetString(path);
        foreach (var (name, value) in table)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw root.GetValue(path).Origin.Error(UnknownValue(text, table.Select(t => t.Name).ToArray()), path);
    }

    public static string NameOf<T>(T value, (string Name, T Value)[] table)
        where T : struct, Enum =>
        table.First(t => EqualityComparer<T>.Default.Equals(t.Value, value)).Name;

    public static string UnknownValue(string text, IReadOnlyList<string> allowed)
    {
        string? guess = NearMiss.Best(text, allowed);
        return "unknown value \"" + text + "\"" + (guess is null ? string.Empty : "; did you mean " + guess + "?") + " (allowed: " + string.Join(", ", allowed) + ")";
    }
}
