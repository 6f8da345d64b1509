// Timing helpers: best-of-N wall time, so a noisy shared machine reports its undisturbed speed.
using System.Diagnostics;

namespace Es.Bench;

internal static class Measure
{
    /// <summary>The fastest of <paramref name="repeats"/> runs of <paramref name="action"/>, in seconds.</summary>
    public static double Best(int repeats, Action action)
    {
        double best = double.MaxValue;
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return best;
    }

    /// <summary>CPU seconds this process spends running <paramref name="action"/> (on a shared machine, what a core did rather than how long it waited for one).</summary>
    public static double CpuSeconds(Action action)
    {
        using var process = Process.GetCurrentProcess();
        TimeSpan before = process.TotalProcessorTime;
        action();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalSeconds;
    }

    /// <summary>Memory copy bandwidth in bytes per second, measured on a buffer far larger than the caches.</summary>
    public static double CopyBandwidth(int bytes)
    {
        var source = new byte[bytes];
        var destination = new byte[bytes];
        new System.Random(1).NextBytes(source);
        double seconds = Best(5, () => source.AsSpan().CopyTo(destination));
        // A copy reads and writes every byte.
        return 2.0 * bytes / seconds;
    }
}
