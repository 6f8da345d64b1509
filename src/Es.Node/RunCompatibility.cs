// Refuses a worker whose settings would not reproduce the head's numbers (noise table, task, policy, strategy, seed).
using Es.Actors.Fabric;
using Es.Core.Checkpoints;
using Es.Core.Configuration;

namespace Es.Node;

/// <summary>
/// A worker with another noise table, policy or strategy would compute different fitnesses for
/// the same task and silently break a run's exactness. Before it evaluates anything, a worker
/// compares its settings with the configuration the head stored in the run's snapshot.
/// </summary>
internal static class RunCompatibility
{
    /// <summary>Waits for the head's snapshot, then returns a message naming every setting that differs, or null when the worker fits.</summary>
    public static async Task<string?> CheckAgainstHeadAsync(EsSettings mine, IFabric fabric, CliContext context, CancellationToken cancellation)
    {
        bool told = false;
        Checkpoint? snapshot;
        while ((snapshot = await fabric.ReadSnapshotAsync(cancellation).ConfigureAwait(false)) is null)
        {
            if (!told)
            {
                // A mistyped run id would otherwise wait in silence: say which runs this server does have.
                string others = fabric is Es.Actors.Fabric.Redis.RedisFabric redis
                    && await redis.RunsOnServerAsync(cancellation).ConfigureAwait(false) is { Count: > 0 } runs
                    ? $" (runs with a head on this server: {string.Join(", ", runs)}; check es.cluster.run-id)"
                    : string.Empty;
                context.Out.WriteLine($"waiting for the head of run '{mine.Cluster.RunId}' to publish the run...{others}");
                context.Out.Flush();
                told = true;
            }
            try
            {
                await Task.Delay(250, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
        EsSettings head = SettingsLoader.ParseSaved(snapshot.Configuration, "the head's configuration");
        var differences = new List<string>();
        void Compare<T>(string key, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b)) differences.Add($"{key}: this worker has {a}, the head {b}");
        }
        Compare("es.run.seed", mine.Run.Seed, head.Run.Seed);
        Compare("es.noise.seed", mine.Noise.Seed, head.Noise.Seed);
        Compare("es.noise.size", mine.Noise.Size, head.Noise.Size);
        Compare("es.env", mine.Env, head.Env);
        Compare("es.policy", mine.Policy, head.Policy);
        Compare("es.strategy", mine.Strategy, head.Strategy);
        Compare("es.normalization", mine.Normalization, head.Normalization);
        Compare("es.evaluation", mine.Evaluation, head.Evaluation);
        return differences.Count == 0
            ? null
            : $"this worker's settings do not match run '{mine.Cluster.RunId}' and would break its exactness: {string.Join("; ", differences)}";
    }
}
