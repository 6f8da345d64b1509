// Cluster tests start several es processes and time failure detection: they run alone, one at a time.
namespace Es.Node.Tests;

/// <summary>The collection of tests that start es cluster nodes: never in parallel with any other test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "es cluster processes";
}
