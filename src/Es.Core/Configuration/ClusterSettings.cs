// Typed es.cluster: how the nodes of a cluster run find their seed node and share the work.
namespace Es.Core.Configuration;

/// <summary>Settings of cluster mode (<c>es.cluster</c>).</summary>
/// <param name="SeedNodes">Redis endpoints (<c>redis://host:port</c>); the first reachable one is used.</param>
/// <param name="RunId">Key prefix and identity of the run; nodes of another run are refused.</param>
/// <param name="User">Redis ACL user, or empty.</param>
/// <param name="Password">Redis password, or empty (never written back by <see cref="EsSettings.ToHocon"/>).</param>
/// <param name="Tls">Connect with TLS.</param>
/// <param name="Evaluators">Evaluators per node (0 = one per core).</param>
/// <param name="HeadEvaluates">The head runs a rollout pool too.</param>
/// <param name="TaskTimeout">A task without a result after this long is issued again.</param>
/// <param name="ClaimTimeout">A claimed, unacknowledged task is handed to another node after this long.</param>
/// <param name="HeartbeatTtl">A node silent for this long is no longer a member.</param>
/// <param name="MaxMessageSize">Larger messages are refused.</param>
/// <param name="StragglerCutoff">Fraction of a generation's tasks after which it completes (1 = all: exact).</param>
public sealed record ClusterSettings(
    IReadOnlyList<string> SeedNodes,
    string RunId,
    string User,
    string Password,
    bool Tls,
    int Evaluators,
    bool HeadEvaluates,
    TimeSpan TaskTimeout,
    TimeSpan ClaimTimeout,
    TimeSpan HeartbeatTtl,
    long MaxMessageSize,
    double StragglerCutoff = 1.0)
{
    /// <inheritdoc/>
    public bool Equals(ClusterSettings? other) =>
        other is not null && SeedNodes.SequenceEqual(other.SeedNodes) && RunId == other.RunId && User == other.User && Password == other.Password
        && Tls == other.Tls && Evaluators == other.Evaluators && HeadEvaluates == other.HeadEvaluates && TaskTimeout == other.TaskTimeout
        && ClaimTimeout == other.ClaimTimeout && HeartbeatTtl == other.HeartbeatTtl && MaxMessageSize == other.MaxMessageSize
        && StragglerCutoff.Equals(other.StragglerCutoff);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(SeedNodes.Count, RunId, Evaluators, TaskTimeout);
}
