// The names of a run's Redis keys and channel, in one place so the fabric, tests and operators agree.
using StackExchange.Redis;

namespace Es.Actors.Fabric.Redis;

/// <summary>Keys of one run: everything under <c>es:{run}:</c>, so runs sharing a server never meet.</summary>
internal sealed class RedisKeys
{
    public RedisKeys(string runId)
    {
        Prefix = $"es:{runId}:";
        Tasks = Prefix + "tasks";
        Results = Prefix + "results";
        Generations = Prefix + "generations";
        Snapshot = Prefix + "snapshot";
        Bell = new RedisChannel(Prefix + "bell", RedisChannel.PatternMode.Literal);
        NodePattern = EscapeGlob(Prefix) + "node:*";
        AllPattern = EscapeGlob(Prefix) + "*";
    }

    /// <summary>The consumer group every worker reads tasks through.</summary>
    public const string Group = "workers";

    /// <summary>The one field of every stream entry: the encoded message.</summary>
    public const string Field = "m";

    public string Prefix { get; }

    public RedisKey Tasks { get; }

    public RedisKey Results { get; }

    public RedisKey Generations { get; }

    public RedisKey Snapshot { get; }

    public RedisChannel Bell { get; }

    /// <summary>SCAN pattern of the heartbeat keys (the run id's glob characters escaped).</summary>
    public string NodePattern { get; }

    /// <summary>SCAN pattern of every key of the run.</summary>
    public string AllPattern { get; }

    public RedisKey Node(string nodeId) => Prefix + "node:" + nodeId;

    private static string EscapeGlob(string text)
    {
        var b = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\') b.Append('\\');
            b.Append(c);
        }
        return b.ToString();
    }
}
