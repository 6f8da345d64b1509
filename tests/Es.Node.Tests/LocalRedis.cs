// A Redis server of a test's own, started and stopped with the project's scripts, so a test may restart it freely.
using System.Diagnostics;

namespace Es.Node.Tests;

/// <summary>Starts <c>scripts/redis-start.sh</c> on a free port; disposing stops it.</summary>
public sealed class LocalRedis : IDisposable
{
    private LocalRedis(string url) => Url = url;

    /// <summary>redis://127.0.0.1:PORT.</summary>
    public string Url { get; }

    /// <summary>The port.</summary>
    public string Port => Url[(Url.LastIndexOf(':') + 1)..];

    /// <summary>Starts a server (installing redis-server if the machine lacks it).</summary>
    public static LocalRedis Start() => new(Script("redis-start.sh"));

    /// <summary>Stops the server and starts it again on the same port: the "Redis restarted mid-run" event.</summary>
    public void Restart()
    {
        Script("redis-stop.sh", Port);
        Script("redis-start.sh", Port);
    }

    /// <inheritdoc/>
    public void Dispose() => Script("redis-stop.sh", Port);

    private static string Script(string name, string? argument = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(TestFiles.RepositoryRoot(), "scripts", name));
        if (argument is not null) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/{name} failed ({process.ExitCode}): {error}");
        return output.Trim().Split('\n')[^1].Trim();
    }
}
