// One Redis stream entry as the fabric stores it: the entry id and the encoded message (null when the entry was deleted).
using StackExchange.Redis;

namespace Es.Actors.Fabric.Redis;

/// <summary>A stream entry: <see cref="Id"/> and the bytes of its message field (null for a deleted entry, empty when the field is missing).</summary>
internal readonly record struct StreamEntry(string Id, byte[]? Message)
{
    /// <summary>Parses an entry list (<c>[[id, [field, value, ...]], ...]</c>) as XRANGE, XREADGROUP and XAUTOCLAIM return it.</summary>
    public static List<StreamEntry> ParseList(RedisResult? reply)
    {
        var entries = new List<StreamEntry>();
        if (reply is null || reply.IsNull) return entries;
        foreach (RedisResult item in (RedisResult[])reply!)
        {
            var pair = (RedisResult[])item!;
            if (pair is null || pair.Length < 1) continue;
            string id = (string)pair[0]!;
            byte[]? message = null;
            if (pair.Length > 1 && !pair[1].IsNull)
            {
                message = []; // an entry without the message field decodes as malformed and is refused
                var fields = (RedisResult[])pair[1]!;
                for (int i = 0; i + 1 < fields.Length; i += 2)
                {
                    if ((string)fields[i]! == RedisKeys.Field)
                    {
                        message = (byte[])fields[i + 1]!;
                        break;
                    }
                }
            }
            entries.Add(new StreamEntry(id, message));
        }
        return entries;
    }
}
