// Forward-pass cost of the CartPole MLP (4-64-64-2, tanh), the inner loop of every rollout.
using Es.Core.Environments;
using Es.Core.Policies;
using Es.Core.Random;

namespace Es.Bench;

internal static class PolicyBenchmark
{
    public static void Run(bool quick)
    {
        EnvironmentSpec spec = EnvironmentRegistry.GetSpec("CartPole-v1");
        var policy = new Policy(PolicySpec.Mlp([64, 64]), spec);
        var theta = new float[policy.ParameterCount];
        policy.Initialize(theta, 1);
        float[] observation = [0.01f, -0.02f, 0.03f, 0.04f];
        var action = new float[1];
        var rng = new Rng(1);
        int calls = quick ? 10_000 : 2_000_000;
        double seconds = Measure.Best(3, () =>
        {
            for (int i = 0; i < calls; i++) policy.Act(theta, observation, action, ref rng, false);
        });
        Console.WriteLine($"policy 4-64-64-2 tanh: {seconds / calls * 1e9:F0} ns per forward pass ({policy.ParameterCount} parameters)");
    }
}
