// Locations the tests read: the bundled test configurations and the repository's hocon folder.
namespace Es.Node.Tests;

/// <summary>Paths of files the tests use, independent of the working directory.</summary>
public static class TestFiles
{
    /// <summary>A configuration from tests/Es.Node.Tests/Configs (copied next to the test assembly).</summary>
    public static string Config(string name) => Path.Combine(AppContext.BaseDirectory, "Configs", name);

    /// <summary>The repository root: the nearest ancestor of the test assembly holding EsAkka.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EsAkka.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no EsAkka.sln above {AppContext.BaseDirectory}");
    }
}
