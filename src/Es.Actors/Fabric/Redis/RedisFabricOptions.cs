// Everything a node needs to join a run's Redis fabric: where the server is, how to authenticate, and the timing rules.
namespace Es.Actors.Fabric.Redis;

/// <summary>Settings of a <see cref="RedisFabric"/>. Every key of the run lives under <c>es:{RunId}:</c>.</summary>
public sealed record RedisFabricOptions
{
    /// <summary>Server URLs, <c>redis://host:port</c> (or <c>rediss://</c> for TLS); usually one.</summary>
    public required IReadOnlyList<string> Endpoints { get; init; }

    /// <summary>The run: isolates its keys and is checked in every message's envelope.</summary>
    public required string RunId { get; init; }

    /// <summary>The server's password (<c>requirepass</c>, or the ACL user's password), or null.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// The ACL user, or null for the default user. StackExchange.Redis 1.2.6 sends the one-argument
    /// AUTH only, so any user other than <c>default</c> is refused at construction rather than
    /// failing later with a confusing authentication error.
    /// </summary>
    public string? User { get; init; }

    /// <summary>Use TLS (also implied by a <c>rediss://</c> endpoint).</summary>
    public bool Tls { get; init; }

    /// <summary>A claimed task that stays unacknowledged this long is handed to another consumer (the worker is presumed dead).</summary>
    public TimeSpan ClaimIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A node's heartbeat key expires after this long unless renewed.</summary>
    public TimeSpan HeartbeatTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First pause between polls while waiting; doubles up to <see cref="MaxPollBackoff"/>. The pub/sub doorbell ends a pause early.</summary>
    public TimeSpan MinPollBackoff { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Longest pause between polls, which bounds the latency when a doorbell is lost.</summary>
    public TimeSpan MaxPollBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest message accepted or written (default 16 MiB).</summary>
    public int MaxMessageBytes { get; init; } = Wire.WireCodec.DefaultMaxMessageBytes;

    /// <summary>How long one connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an operation keeps retrying (with backoff) while the server is unreachable, e.g.
    /// during a restart, before its exception reaches the caller.
    /// </summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(30);
}
