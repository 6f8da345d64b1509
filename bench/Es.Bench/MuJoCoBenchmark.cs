// Humanoid physics steps per second through EsAkka's C# bindings against Debian's mujoco-testspeed, same model, same run.
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Es.MuJoCo;
using Es.MuJoCo.Native;
using Es.MuJoCo.Tasks;

namespace Es.Bench;

/// <summary>
/// Both sides step humanoid.xml on one thread with testspeed's control noise (0.01 × Halton
/// sequence, so contacts vary as in testspeed): mujoco-testspeed is MuJoCo's own C++ loop; the C#
/// loop writes the controls through <see cref="MjData.Ctrl"/> and calls mj_step through the
/// bindings. The runs alternate and each side keeps its best, so a busy shared machine slows both
/// alike. The ratio C# / testspeed is the bindings' overhead (target ≥ 0.9). The Humanoid
/// environment's own rate (frame skip 3, observation and reward included) is printed beside it.
/// </summary>
internal static partial class MuJoCoBenchmark
{
    private const string TestSpeed = "/usr/bin/mujoco-testspeed";
    private const double CtrlNoise = 0.01;

    public static void Run(bool quick)
    {
        string model = HumanoidEnvironment.DefaultModelPath;
        int steps = quick ? 2_000 : 20_000;
        int rounds = quick ? 1 : 5;
        if (!File.Exists(TestSpeed))
            throw new InvalidOperationException($"{TestSpeed} is missing: apt-get install {MuJoCoLibrary.SamplesPackage}");

        // Warm-up: load and verify the library and let the JIT compile the C# loop, outside any timing.
        RunBindings(model, 500);

        double native = 0, bindings = 0;
        for (int r = 0; r < rounds; r++)
        {
            native = Math.Max(native, RunTestSpeed(model, steps));
            bindings = Math.Max(bindings, RunBindings(model, steps));
        }

        double environment = RunEnvironment(quick ? 200 : 5_000);
        Console.WriteLine($"mujoco humanoid.xml, {steps} steps x best of {rounds}, 1 thread, ctrl noise {CtrlNoise}");
        Console.WriteLine($"  mujoco-testspeed (C++):   {native,10:F0} steps/s");
        Console.WriteLine($"  C# bindings (mj_step):    {bindings,10:F0} steps/s");
        Console.WriteLine($"  ratio C# / testspeed:     {bindings / native,10:F3}");
        Console.WriteLine($"  Humanoid env (3 physics steps + observation + reward): {environment:F0} env steps/s = {3 * environment:F0} physics steps/s");
    }

    private static double RunTestSpeed(string model, int steps)
    {
        var start = new ProcessStartInfo(TestSpeed)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { model, steps.ToString(CultureInfo.InvariantCulture), "1", CtrlNoise.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {TestSpeed}");
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Match m = StepsPerSecond().Match(output);
        if (process.ExitCode != 0 || !m.Success)
            throw new InvalidOperationException($"{TestSpeed} exited {process.ExitCode} without a 'Steps per second' line:\n{output}");
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static double RunBindings(string model, int steps)
    {
        using MjModel m = MjModel.Load(model);
        using var d = new MjData(m);
        int nu = m.Nu;
        ReadOnlySpan<double> range = m.ActuatorCtrlRange;
        ReadOnlySpan<byte> limited = m.ActuatorCtrlLimited;
        var center = new double[nu];
        var radius = new double[nu];
        for (int j = 0; j < nu; j++)
        {
            center[j] = limited[j] != 0 ? (range[2 * j + 1] + range[2 * j]) / 2 : 0.0;
            radius[j] = (limited[j] != 0 ? (range[2 * j + 1] - range[2 * j]) / 2 : 1.0) * CtrlNoise;
        }

        // testspeed evaluates the Halton sequence inside its timed loop; so does this one.
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++)
        {
            Span<double> ctrl = d.Ctrl;
            for (int j = 0; j < nu; j++)
                ctrl[j] = center[j] + radius[j] * (2 * MjNative.Halton(i, j + 2) - 1);
            d.Step();
        }

        return steps / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double RunEnvironment(int steps)
    {
        var env = new HumanoidEnvironment();
        var obs = new float[env.Spec.ObservationSize];
        var action = new float[env.Spec.ActionSize];
        env.Reset(1, obs);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++)
        {
            for (int j = 0; j < action.Length; j++)
                action[j] = (float)(CtrlNoise * (2 * MjNative.Halton(i, j + 2) - 1));
            if (env.Step(action, obs).Done) env.Reset((ulong)i, obs);
        }

        return steps / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    [GeneratedRegex(@"Steps per second\s*:\s*([0-9.]+)")]
    private static partial Regex StepsPerSecond();
}
