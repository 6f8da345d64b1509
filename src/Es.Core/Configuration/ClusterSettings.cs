// Typed es.cluster: what a cluster run adds to a single-process one (the Akka.Cluster settings themselves live under akka).
namespace Es.Core.Configuration;

/// <summary>Settings of cluster mode (<c>es.cluster</c>). Seed nodes, addresses, failure detection and downing are Akka.NET's own keys under <c>akka</c>.</summary>
/// <param name="RunId">Identity of the run: every message carries it, and messages of another run are refused.</param>
/// <param name="Evaluators">Evaluators per node (0 = one per core).</param>
/// <param name="HeadEvaluates">The head runs a rollout pool too.</param>
/// <param name="TaskTimeout">A task without a result after this long is issued again.</param>
/// <param name="TakeOverWait">How long a starting head waits for the replicas to say how far the run got.</param>
/// <param name="StragglerCutoff">Fraction of a generation's tasks after which it completes (1 = all: exact).</param>
public sealed record ClusterSettings(
    string RunId,
    int Evaluators,
    bool HeadEvaluates,
    TimeSpan TaskTimeout,
    TimeSpan TakeOverWait,
    double StragglerCutoff = 1.0);
