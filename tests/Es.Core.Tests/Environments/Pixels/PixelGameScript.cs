// Helpers for the pixel-game rule tests: put a game in a stated position, step it, read cells.
namespace Es.Core.Tests.Environments.Pixels;

using Es.Core.Environments;

internal static class PixelGameScript
{
    /// <summary>A game whose state is <paramref name="state"/> (every other state value 0).</summary>
    public static T At<T>(T game, Action<double[]> state)
        where T : IStatefulEnvironment
    {
        var s = new double[game.StateSize];
        state(s);
        game.SetState(s, 0);
        return game;
    }

    public static StepResult Step(IStatefulEnvironment game, int action, float[]? observation = null) =>
        game.Step([action], observation ?? new float[game.Spec.ObservationSize]);

    public static double[] State(IStatefulEnvironment game)
    {
        var s = new double[game.StateSize];
        game.GetState(s);
        return s;
    }

    public static bool Lit(float[] observation, int channel, int row, int column) => observation[channel * 100 + row * 10 + column] == 1f;

    /// <summary>Returns and observations of an episode played with a fixed action sequence (cycled), for determinism checks.</summary>
    public static (double Return, float[] Last) Play(IStatefulEnvironment game, ulong seed, int[] actions, int steps)
    {
        var observation = new float[game.Spec.ObservationSize];
        game.Reset(seed, observation);
        double total = 0;
        for (int t = 0; t < steps; t++)
        {
            StepResult r = game.Step([actions[t % actions.Length]], observation);
            total += r.Reward;
            if (r.Done) break;
        }
        return (total, observation);
    }
}
