// Locates and parses the classic-control reference trajectories (Reference/classic_control/*.json, or $ES_REFERENCE_DIR).
namespace Es.Core.Tests.Environments;

using System.Text.Json;

/// <summary>One reference case: an initial state, the actions and the expected result of every step.</summary>
internal sealed record ReferenceCase(
    string File,
    string EnvId,
    int MaxEpisodeSteps,
    int Index,
    string Name,
    double[] InitialState,
    double[] InitialObservation,
    float[][] Actions,
    ReferenceStep[] Steps,
    bool Chaotic,
    int RolloutCheckSteps)
{
    /// <summary>"CartPole-v1.json case 3 'balancing controller…'" for failure messages.</summary>
    public string Label => $"{File} case {Index} '{Name}'";
}

/// <summary>The expected outcome of one step.</summary>
internal sealed record ReferenceStep(double[] State, double[] Observation, double Reward, bool Terminated, bool Truncated);

/// <summary>Finds the reference directory and reads its files.</summary>
internal static class ReferenceData
{
    /// <summary>Environment variable that overrides where the reference files are.</summary>
    public const string DirectoryVariable = "ES_REFERENCE_DIR";

    /// <summary>Where the files shipped with the tests are copied next to the test binaries.</summary>
    public static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "Reference", "classic_control");

    /// <summary>
    /// The reference directory: $ES_REFERENCE_DIR when set (maintainers point it at another set),
    /// else the trajectories shipped in tests/Es.Core.Tests/Reference/classic_control, which the
    /// build copies beside the test binaries. Null when that directory does not exist;
    /// <paramref name="tried"/> then says where it looked.
    /// </summary>
    public static string? FindDirectory(out string tried) => FindDirectory(Environment.GetEnvironmentVariable(DirectoryVariable), out tried);

    /// <summary>As <see cref="FindDirectory(out string)"/>, with the override given instead of read from the environment.</summary>
    public static string? FindDirectory(string? overrideDirectory, out string tried)
    {
        // An explicit setting is authoritative: no fallback that could hide a typo in it.
        string candidate = string.IsNullOrWhiteSpace(overrideDirectory)
            ? ShippedDirectory
            : Path.GetFullPath(overrideDirectory);
        tried = string.IsNullOrWhiteSpace(overrideDirectory) ? candidate : $"{candidate} (from {DirectoryVariable})";
        return Directory.Exists(candidate) ? candidate : null;
    }

    /// <summary>Every *.json file of the reference directory, sorted by name.</summary>
    public static string[] Files(string directory) =>
        Directory.GetFiles(directory, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToArray();

    /// <summary>Parses every case of one reference file.</summary>
    public static IReadOnlyList<ReferenceCase> Load(string path)
    {
        string file = Path.GetFileName(path);
        using JsonDocument doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
        JsonElement root = doc.RootElement;
        string env = root.GetProperty("env").GetString() ?? throw new InvalidDataException($"{file}: 'env' is null");
        int maxSteps = root.GetProperty("max_episode_steps").GetInt32();
        var cases = new List<ReferenceCase>();
        int index = 0;
        foreach (JsonElement c in root.GetProperty("cases").EnumerateArray())
        {
            float[][] actions = c.GetProperty("actions").EnumerateArray().Select(ParseAction).ToArray();
            ReferenceStep[] steps = c.GetProperty("steps").EnumerateArray().Select(s => new ReferenceStep(
                Doubles(s.GetProperty("state")),
                Doubles(s.GetProperty("observation")),
                s.GetProperty("reward").GetDouble(),
                s.GetProperty("terminated").GetBoolean(),
                s.GetProperty("truncated").GetBoolean())).ToArray();
            cases.Add(new ReferenceCase(
                file, env, maxSteps, index, c.GetProperty("name").GetString() ?? "",
                Doubles(c.GetProperty("initial_state")),
                Doubles(c.GetProperty("initial_observation")),
                actions, steps,
                c.GetProperty("chaotic").GetBoolean(),
                c.GetProperty("rollout_check_steps").GetInt32()));
            index++;
        }

        return cases;
    }

    // Discrete actions are integers, continuous ones one-element arrays; both become the flat float action.
    private static float[] ParseAction(JsonElement a) =>
        a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()
            : [(float)a.GetInt32()];

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
