// Finds files of the repository (scripts, task configurations, the Python peer) from wherever the benchmark runs.
namespace Es.Bench;

internal static class RepoFiles
{
    /// <summary>The first existing <paramref name="relativePath"/> above the current directory or the binary's, or null.</summary>
    public static string? Find(string relativePath)
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, relativePath);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
