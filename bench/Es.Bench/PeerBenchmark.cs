// The C# raw rollout loop against the same CartPole + MLP 4-64-64-2 loop in Python/numpy (bench/peer/cartpole_numpy.py), per core.
using System.Diagnostics;
using System.Globalization;

namespace Es.Bench;

internal static class PeerBenchmark
{
    private const string Python = "/usr/bin/python3";
    private const string ScriptPath = "bench/peer/cartpole_numpy.py";

    public static void Run(bool quick)
    {
        int steps = quick ? 2_000 : 300_000;
        string? script = RepoFiles.Find(ScriptPath);
        if (script is null)
        {
            Console.WriteLine($"peer: skipped, {ScriptPath} not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}");
            return;
        }
        if (!File.Exists(Python))
        {
            Console.WriteLine($"peer: skipped, {Python} is missing (install python3 and python3-numpy)");
            return;
        }
        double? python = RunPython(script, steps, out string message);
        if (python is null)
        {
            Console.WriteLine($"peer: skipped, {message}");
            return;
        }
        double csharp = RolloutBenchmark.RawStepsPerSecond(quick ? steps : 2_000_000, quick ? 1 : 3);
        Console.WriteLine($"peer CartPole-v1 + MLP 4-64-64-2 tanh, 1 core: C# raw loop {csharp / 1e6:F3} M steps/s, Python/numpy {python.Value / 1e3:F1} k steps/s ({steps:N0} steps)");
        Console.WriteLine($"  C# / Python per core = {csharp / python.Value:F0} x (target >= 100)");
    }

    private static double? RunPython(string script, int steps, out string message) =>
        RunPython(script, ["--steps", steps.ToString(CultureInfo.InvariantCulture)], out message);

    /// <summary>Runs a peer script under Debian's python3 and reads its <c>steps_per_second</c>; null (and why in <paramref name="message"/>) when it cannot run.</summary>
    public static double? RunPython(string script, IEnumerable<string> arguments, out string message)
    {
        if (!File.Exists(Python))
        {
            message = $"{Python} is missing (install python3 and python3-numpy)";
            return null;
        }
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        try
        {
            using Process process = Process.Start(info) ?? throw new InvalidOperationException("the process did not start");
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                message = "the Python peer ran past 5 minutes";
                return null;
            }
            string stdout = output.Result, stderr = error.Result;
            if (process.ExitCode != 0)
            {
                message = stderr.Contains("No module named 'numpy'", StringComparison.Ordinal)
                    ? $"numpy is missing for {Python} (apt-get install python3-numpy)"
                    : stderr.Contains("No module named 'torch'", StringComparison.Ordinal)
                    ? $"torch is missing for {Python} (apt-get install python3-torch)"
                    : $"the Python peer exited with {process.ExitCode}: {stderr.Trim()}";
                return null;
            }
            string[] words = stdout.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            int at = Array.IndexOf(words, "steps_per_second");
            if (at < 0 || at + 1 >= words.Length || !double.TryParse(words[at + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                message = $"cannot read steps_per_second from the Python peer's output: {stdout.Trim()}";
                return null;
            }
            message = "";
            return value;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            message = $"cannot run {Python}: {e.Message}";
            return null;
        }
    }
}
