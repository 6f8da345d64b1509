// The Lua scripts of the Redis fabric's hot path: one round trip per batch, no ad-hoc commands.
namespace Es.Actors.Fabric.Redis;

/// <summary>
/// Server-side scripts for the commands a run sends per task. Why scripts: a batch of writes
/// (results, their acknowledgements, the doorbell) becomes one round trip that Redis applies
/// atomically; and StackExchange.Redis 1.2.6, which has no stream API, sends a SELECT before
/// most commands issued through its ad-hoc <c>Execute</c> (measured: 1.6 SELECTs per task),
/// but not around a script call. The client loads each script once per connection and then
/// calls it by its SHA1.
/// </summary>
internal static class Scripts
{
    /// <summary>KEYS: tasks. ARGV: entry field, bell channel, bell payload, the encoded tasks. Appends them and rings.</summary>
    public const string PublishTasks = """
        for i = 4, #ARGV do redis.call('XADD', KEYS[1], '*', ARGV[1], ARGV[i]) end
        redis.call('PUBLISH', ARGV[2], ARGV[3])
        return #ARGV - 3
        """;

    /// <summary>KEYS: tasks. ARGV: group, consumer, count. New entries for the consumer (XREADGROUP's reply, or nil).</summary>
    public const string ReadGroup = """
        return redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[3], 'STREAMS', KEYS[1], '>')
        """;

    /// <summary>KEYS: results. ARGV: start (inclusive id, "(id" exclusive, or "-"), count. XRANGE's reply.</summary>
    public const string Range = """
        return redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[2])
        """;

    /// <summary>KEYS: generations. ARGV: the generation (the hash field), the encoded update, bell channel, bell payload. Stores it and rings.</summary>
    public const string PublishGeneration = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('PUBLISH', ARGV[3], ARGV[4])
        return 1
        """;

    /// <summary>
    /// KEYS: results, tasks. ARGV: entry field, group, bell channel, bell payload, n, then n
    /// encoded results, then the n task ids. Appends the results, acknowledges and deletes the
    /// tasks, rings.
    /// </summary>
    public const string Complete = """
        local n = tonumber(ARGV[5])
        for i = 6, 5 + n do redis.call('XADD', KEYS[1], '*', ARGV[1], ARGV[i]) end
        local ids = {}
        for i = 6 + n, 5 + 2 * n do ids[#ids + 1] = ARGV[i] end
        redis.call('XACK', KEYS[2], ARGV[2], unpack(ids))
        redis.call('XDEL', KEYS[2], unpack(ids))
        redis.call('PUBLISH', ARGV[3], ARGV[4])
        return n
        """;
}
