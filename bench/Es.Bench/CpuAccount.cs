// Where a run's CPU time went, from /proc: this process's evaluator threads, its other threads, and optionally another process.
using System.Globalization;

namespace Es.Bench;

/// <summary>
/// CPU seconds read from Linux's /proc (clock ticks of 10 ms): the cluster benchmark uses them to
/// show where the cores went, since the head and the workers share one machine.
/// </summary>
internal readonly record struct CpuAccount(double Evaluators, double Jit, double Others, double Server, bool ServerMeasured)
{
    // Akka names a pinned dispatcher's threads "<dispatcher id>_<n>"; Linux keeps the first 15 bytes of a thread's name.
    private static readonly string EvaluatorThreads = Es.Actors.Evolution.RolloutPool.DispatcherId[..15];

    /// <summary>Now: this process's threads split into evaluators (the threads of the evaluators' dispatcher), the JIT's background compiler (".NET Tiered Compilation") and the rest; <paramref name="serverPid"/>'s whole CPU time (0 when unknown).</summary>
    public static CpuAccount Now(int? serverPid)
    {
        double evaluators = 0, jit = 0, others = 0;
        foreach (string dir in SafeDirectories("/proc/self/task"))
        {
            try
            {
                double seconds = Seconds(File.ReadAllText(Path.Combine(dir, "stat")));
                string name = File.ReadAllText(Path.Combine(dir, "comm"));
                if (name.StartsWith(EvaluatorThreads, StringComparison.Ordinal)) evaluators += seconds;
                else if (name.StartsWith(".NET Tiered", StringComparison.Ordinal)) jit += seconds;
                else others += seconds;
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }
        double server = 0;
        bool measured = false;
        if (serverPid is { } pid)
        {
            try
            {
                server = Seconds(File.ReadAllText($"/proc/{pid}/stat"));
                measured = true;
            }
            catch (IOException)
            {
            }
        }
        return new CpuAccount(evaluators, jit, others, server, measured);
    }

    /// <summary>What was spent between <paramref name="before"/> and this reading. A thread that ended in between is not counted.</summary>
    public CpuAccount Since(CpuAccount before) =>
        new(Evaluators - before.Evaluators, Jit - before.Jit, Others - before.Others, Server - before.Server, ServerMeasured && before.ServerMeasured);

    /// <summary>All of it.</summary>
    public double Total => Evaluators + Jit + Others + Server;

    // utime and stime are fields 14 and 15 of /proc/.../stat, counted after the parenthesized command name.
    private static double Seconds(string stat)
    {
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string[] SafeDirectories(string path) => Directory.Exists(path) ? Directory.GetDirectories(path) : [];
}
