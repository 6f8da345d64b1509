// Locates and parses the classic-control reference trajectories (shared/reference/classic_control/*.json).
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

    /// <summary>
    /// The reference directory: $ES_REFERENCE_DIR, else ../shared/reference/classic_control relative to
    /// the repository root. A git worktree can sit one level deeper than the main checkout, so when that
    /// default is absent the same relative path is tried from the root's ancestors. Null when none exists;
    /// <paramref name="tried"/> then says where it looked.
    /// </summary>
    public static string? FindDirectory(out string tried)
    {
        var candidates = new List<string>();
        string? fromEnv = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            // An explicit setting is authoritative: no fallback that could hide a typo in it.
            candidates.Add(Path.GetFullPath(fromEnv));
        }
        else
        {
            string? root = FindRepositoryRoot();
            if (root is not null)
            {
                candidates.Add(Path.GetFullPath(Path.Combine(root, "..", "shared", "reference", "classic_control")));
                for (var dir = Directory.GetParent(root)?.Parent; dir is not null; dir = dir.Parent)
                    candidates.Add(Path.Combine(dir.FullName, "shared", "reference", "classic_control"));
            }
        }

        tried = candidates.Count == 0
            ? $"no repository root (folder with EsAkka.sln) above {AppContext.BaseDirectory} and {DirectoryVariable} unset"
            : string.Join(", ", candidates);
        return candidates.FirstOrDefault(Directory.Exists);
    }

    /// <summary>The folder containing EsAkka.sln, walking up from the test binaries.</summary>
    public static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EsAkka.sln")))
                return dir.FullName;
        }

        return null;
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
