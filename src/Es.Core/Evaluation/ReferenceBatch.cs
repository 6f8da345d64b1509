// The reference batch of virtual batch normalization: observations collected once, before training, from a seed.
namespace Es.Core.Evaluation;

using Es.Core.Environments;
using Es.Core.Random;

/// <summary>
/// Collects the fixed batch of observations that virtual batch normalization normalizes against
/// (Salimans et al. 2017, §2.2 and Atari). A pure function of the environment and the seed, so
/// every node of a run derives the same batch; the learner also saves it in its checkpoints.
/// </summary>
public static class ReferenceBatch
{
    /// <summary>
    /// Plays episodes with uniformly random actions (reset seeds and actions from <c>new Rng(seed)</c>),
    /// keeps every observation the policy would see until it has 4 × <paramref name="size"/> of them
    /// (or 100,000 steps), then draws <paramref name="size"/> distinct ones (fewer when fewer were seen),
    /// and returns them one after the other, raw.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    public static float[] Collect(IEnvironment environment, ulong seed, int size)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        EnvironmentSpec spec = environment.Spec;
        int n = spec.ObservationSize;
        var rng = new Rng(seed);
        var pool = new List<float[]>();
        var observation = new float[n];
        var action = new float[spec.ActionSize];
        int steps = 0;
        while (pool.Count < 4 * size && steps < 100_000)
        {
            environment.Reset(rng.NextUInt64(), observation);
            for (int t = 0; t < spec.MaxEpisodeSteps && pool.Count < 4 * size; t++, steps++)
            {
                pool.Add((float[])observation.Clone());
                RandomAction(spec.ActionSpace, ref rng, action);
                if (environment.Step(action, observation).Done) break;
            }
        }
        int count = Math.Min(size, pool.Count);
        var batch = new float[count * n];
        for (int i = 0; i < count; i++)
        {
            int j = i + (int)rng.NextInt64(pool.Count - i); // partial Fisher–Yates: distinct draws
            (pool[i], pool[j]) = (pool[j], pool[i]);
            pool[i].CopyTo(batch, i * n);
        }
        return batch;
    }

    private static void RandomAction(Space space, ref Rng rng, float[] action)
    {
        if (space is DiscreteSpace d)
        {
            action[0] = rng.NextInt64(d.N);
            return;
        }
        var box = (BoxSpace)space;
        for (int j = 0; j < action.Length; j++) action[j] = (float)rng.NextDouble(box.Low[j], box.High[j]);
    }
}
