// Connects a head or worker to its run's Redis fabric, as the es.cluster settings describe it.
using Es.Actors.Fabric.Redis;
using Es.Core.Configuration;

namespace Es.Node;

/// <summary>Builds the <see cref="RedisFabric"/> of a cluster role from <c>es.cluster</c>.</summary>
internal static class ClusterFabric
{
    /// <summary>The fabric options the settings give.</summary>
    public static RedisFabricOptions Options(ClusterSettings cluster) => new()
    {
        Endpoints = cluster.SeedNodes,
        RunId = cluster.RunId,
        User = cluster.User.Length == 0 ? null : cluster.User,
        Password = cluster.Password.Length == 0 ? null : cluster.Password,
        Tls = cluster.Tls,
        ClaimIdleTimeout = cluster.ClaimTimeout,
        HeartbeatTtl = cluster.HeartbeatTtl,
        MaxMessageBytes = (int)Math.Min(int.MaxValue, cluster.MaxMessageSize),
    };

    /// <summary>Connects (a server that is not up yet is waited for by the fabric's retries); refused messages are reported on <paramref name="log"/>.</summary>
    /// <exception cref="UsageException">The cluster settings cannot be used (the message names the key).</exception>
    public static RedisFabric Connect(ClusterSettings cluster, TextWriter log)
    {
        try
        {
            var fabric = new RedisFabric(Options(cluster));
            fabric.MessageRefused += (where, error) =>
            {
                lock (log) log.WriteLine($"es: refused a message in {where}: {error.Message}");
            };
            return fabric;
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"es.cluster: {e.Message}");
        }
    }
}
