// Rollout speed of a convolutional policy against a dense MLP of about the same parameter count, on a pixel game.
using Es.Core.Environments;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Policies;

namespace Es.Bench;

internal static class ConvBenchmark
{
    public static void Run(bool quick)
    {
        EnvironmentSpec spec = FreewayEnvironment.CreateSpec(); // 3 x 10 x 10 pixels, never terminates: every episode is 200 steps
        var conv = PolicySpec.Convolutional([new ConvLayer(8, 3, 1)], []);
        int convCount = new Policy(conv, spec).ParameterCount;
        // The MLP whose single hidden layer gives the parameter count nearest the conv policy's.
        int width = Enumerable.Range(1, 64).MinBy(h => Math.Abs(new Policy(PolicySpec.Mlp([h]), spec).ParameterCount - convCount));
        var candidates = new (string Name, PolicySpec Spec)[]
        {
            ($"mlp [{width}]", PolicySpec.Mlp([width], Activation.Relu)),
            ("conv 8x3/1", conv),
            ("conv 8x3/1 + vbn (32 obs)", conv with { VirtualBatchNorm = true }),
        };
        int episodes = quick ? 2 : 200;
        double? baseline = null;
        foreach (var (name, policySpec) in candidates)
        {
            IStatefulEnvironment env = new FreewayEnvironment();
            var policy = new Policy(policySpec, spec);
            if (policy.UsesReferenceBatch) policy.SetReferenceBatch(ReferenceBatch.Collect(new FreewayEnvironment(), 1, 32));
            var theta = new float[policy.ParameterCount];
            policy.Initialize(theta, 1);
            var runner = new EpisodeRunner(env, policy);
            var normalizer = ObservationNormalizer.Identity(spec.ObservationSize);
            long steps = 0;
            double seconds = Measure.Best(3, () =>
            {
                steps = 0;
                for (int e = 0; e < episodes; e++) steps += runner.Run(theta, normalizer, (ulong)e, 0, null, false).Length;
            });
            double rate = steps / seconds;
            baseline ??= rate;
            Console.WriteLine($"{name,-28} {policy.ParameterCount,6} parameters  {rate,12:N0} steps/s  {rate / baseline.Value:F2} x the MLP");
        }
    }
}
