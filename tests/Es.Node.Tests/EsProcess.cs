// Starts the built es executable (es.dll through the dotnet host) as a separate process.
using System.Diagnostics;

namespace Es.Node.Tests;

/// <summary>Runs the real <c>es</c> as a user would, to check what only a process shows: exit codes, streams, files.</summary>
public static class EsProcess
{
    /// <summary>es.dll next to the test assembly (copied there as a project reference), else in src/Es.Node's build output.</summary>
    public static string FindEsDll()
    {
        string beside = Path.Combine(AppContext.BaseDirectory, "es.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "es.runtimeconfig.json"))) return beside;
        // bin/<Configuration>/<tfm>/ of this project mirrors that of src/Es.Node.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string built = Path.Combine(TestFiles.RepositoryRoot(), "src", "Es.Node", "bin", output.Parent!.Name, output.Name, "es.dll");
        return File.Exists(built) ? built : throw new FileNotFoundException($"es.dll neither in {AppContext.BaseDirectory} nor at {built}");
    }

    /// <summary>Runs <c>dotnet es.dll <paramref name="args"/></c> in <paramref name="workingDirectory"/>.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FindEsDll());
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"es {string.Join(' ', args)} ran longer than {timeout}; stdout so far:\n{await stdout}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
