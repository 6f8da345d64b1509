// An es process left running in the background (a worker, a head), whose output is collected and which a test may kill.
using System.Diagnostics;
using System.Text;

namespace Es.Node.Tests;

/// <summary>A running <c>es</c>; <see cref="Kill"/> is SIGKILL, <see cref="Interrupt"/> is SIGINT (Ctrl-C).</summary>
public sealed class BackgroundEs : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _command;
    private bool _disposed;

    private BackgroundEs(Process process, string command)
    {
        _process = process;
        _command = command;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything it printed so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts <c>dotnet es.dll args</c>.</summary>
    public static BackgroundEs Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(EsProcess.FindEsDll());
        foreach (string a in args) start.ArgumentList.Add(a);
        return new BackgroundEs(Process.Start(start)!, "es " + string.Join(' ', args));
    }

    /// <summary>Waits for the exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"es ran longer than {timeout}; output:\n{Output}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies at once, mid-task, without cleaning up.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGINT, as Ctrl-C sends it.</summary>
    public void Interrupt() => Signal("INT");

    /// <summary>SIGSTOP: the process freezes (no heartbeats, no results) until <see cref="Continue"/>.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>SIGCONT: a frozen process runs on.</summary>
    public void Continue() => Signal("CONT");

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Its command line, whether it still runs, and the last <paramref name="lines"/> lines it
    /// printed: what a test that timed out waiting on a cluster says about each node.
    /// </summary>
    public string Report(int lines = 25)
    {
        string state = _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
        string[] printed = Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return $"{_command} ({state}); its last lines:\n{string.Join('\n', printed.TakeLast(lines))}";
    }

    private void Signal(string name)
    {
        if (!_process.HasExited) Process.Start("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Kill();
        _process.Dispose();
    }
}
