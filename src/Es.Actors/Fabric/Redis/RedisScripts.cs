// The Lua scripts of the Redis fabric's writes: one round trip per batch, applied atomically.
namespace Es.Actors.Fabric.Redis;

/// <summary>
/// Server-side scripts for the writes a run makes per task and per generation. Why scripts: a
/// batch of writes (results, their acknowledgements, the doorbell) becomes one round trip that
/// Redis applies atomically, and the client's ad-hoc <c>Execute</c> path (StackExchange.Redis
/// 1.2.6 has no stream API; it also sends a SELECT before most such commands) is used once per
/// batch instead of once per command. Reads stay plain commands: a script would have Redis
/// convert their replies to Lua tables and back (measured: about 70 µs of server CPU per XRANGE
/// or XREADGROUP call). The client loads each script once per connection and then calls it by
/// its SHA1.
/// </summary>
internal static class Scripts
{
    /// <summary>KEYS: tasks. ARGV: entry field, bell channel, bell payload, the encoded tasks. Appends them and rings.</summary>
    public const string PublishTasks = """
        for i = 4, #ARGV do redis.call('XADD', KEYS[1], '*', ARGV[1], ARGV[i]) end
        redis.call('PUBLISH', ARGV[2], ARGV[3])
        return #ARGV - 3
        """;

    /// <summary>KEYS: generations. ARGV: the generation (the hash field), the encoded update, bell channel, bell payload. Stores it and rings.</summary>
    public const string PublishGeneration = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('PUBLISH', ARGV[3], ARGV[4])
        return 1
        """;

    /// <summary>KEYS: generations. ARGV: the first generation to forget. Deletes the updates of that generation and later ones.</summary>
    public const string ForgetGenerations = """
        local from = tonumber(ARGV[1])
        local forgotten = 0
        for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
            if tonumber(field) >= from then
                redis.call('HDEL', KEYS[1], field)
                forgotten = forgotten + 1
            end
        end
        return forgotten
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
