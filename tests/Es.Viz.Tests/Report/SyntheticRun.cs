// Run directories with made-up metrics, so report tests know exactly what each curve must hold.
using Es.Core.Runs;

namespace Es.Viz.Tests.Report;

/// <summary>Writes metrics.jsonl the way a run does (through <see cref="RunDirectory"/>), with returns that rise by a known rule.</summary>
public static class SyntheticRun
{
    /// <summary>
    /// Creates <paramref name="path"/> with <paramref name="generations"/> metrics lines; every <paramref name="evalEvery"/>-th has an
    /// evaluation; σ is <paramref name="sigma"/> throughout when given, else it decays from 0.1 by 5 % a generation.
    /// </summary>
    public static RunDirectory Create(string path, int generations, double offset = 0, int evalEvery = 5, double? sigma = null)
    {
        var run = new RunDirectory(path);
        for (int g = 0; g < generations; g++)
        {
            double mean = offset + 10 * g;
            run.AppendMetrics(new GenerationMetrics(
                Generation: g, Episodes: 40L * (g + 1), Timesteps: 1000L * (g + 1),
                ReturnMean: mean, ReturnStd: 3, ReturnMax: mean + 20,
                EvaluationReturn: g % evalEvery == evalEvery - 1 ? mean + 5 : null,
                GradientNorm: 1.0 / (g + 1), ParameterNorm: 1 + 0.1 * g, UpdateRatio: 0.01,
                EvaluationsRetried: g == 3 ? 2 : 0, NonFiniteReturns: 0, Evaluators: 2,
                Seconds: 0.5, StepsPerSecond: 2000, StragglerCutoff: false, Nodes: 1, Sigma: sigma ?? 0.1 * Math.Pow(0.95, g)));
        }
        return run;
    }
}
