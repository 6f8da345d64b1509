// The Redis server of the cluster benchmark: ES_BENCH_REDIS, or a loopback one started (and stopped) with scripts/redis-start.sh.
using System.Diagnostics;

namespace Es.Bench;

/// <summary>A Redis URL for the benchmark, and the server to stop afterwards when the benchmark started it.</summary>
internal sealed class BenchRedis : IDisposable
{
    public const string Variable = "ES_BENCH_REDIS";

    private readonly string? _stopScript;
    private readonly string? _port;

    private BenchRedis(string? url, string? skipped, string? stopScript = null, string? port = null)
    {
        Url = url;
        Skipped = skipped;
        _stopScript = stopScript;
        _port = port;
    }

    /// <summary>The server's URL, or null when there is none (then <see cref="Skipped"/> says why).</summary>
    public string? Url { get; }

    /// <summary>Why there is no server.</summary>
    public string? Skipped { get; }

    /// <summary>ES_BENCH_REDIS when set; otherwise a server started by scripts/redis-start.sh when redis-server is installed (the script would install it, which a benchmark should not do).</summary>
    public static BenchRedis Open()
    {
        string? url = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(url)) return new BenchRedis(url.Trim(), null);
        string? start = RepoFiles.Find("scripts/redis-start.sh");
        if (start is null) return new BenchRedis(null, $"{Variable} is not set and scripts/redis-start.sh was not found");
        if (!OnPath("redis-server")) return new BenchRedis(null, $"{Variable} is not set and redis-server is not installed (scripts/redis-start.sh installs it)");
        (int code, string output, string error) = Shell(start);
        string last = output.TrimEnd().Split('\n')[^1].Trim();
        if (code != 0 || !last.StartsWith("redis://", StringComparison.Ordinal))
            return new BenchRedis(null, $"scripts/redis-start.sh failed ({code}): {error.Trim()}");
        string port = last[(last.LastIndexOf(':') + 1)..];
        return new BenchRedis(last, null, Path.Combine(Path.GetDirectoryName(start)!, "redis-stop.sh"), port);
    }

    public void Dispose()
    {
        if (_stopScript is not null && File.Exists(_stopScript)) Shell(_stopScript, _port);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program)));

    private static (int Code, string Output, string Error) Shell(string script, string? argument = null)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        if (argument is not null) info.ArgumentList.Add(argument);
        using Process process = Process.Start(info)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
