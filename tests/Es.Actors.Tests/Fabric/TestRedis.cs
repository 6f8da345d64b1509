// Where the Redis fabric tests find their server: ES_TEST_REDIS, set by scripts/test.sh; unset is a failure, never a skip.
using Es.Actors.Fabric.Redis;

namespace Es.Actors.Tests.Fabric;

internal static class TestRedis
{
    public const string Variable = "ES_TEST_REDIS";

    /// <summary>The server URL; fails the test, saying how to get one, when the variable is unset.</summary>
    public static string Url
    {
        get
        {
            string? url = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(url))
                Assert.Fail($"{Variable} is not set. Start a Redis with `scripts/redis-start.sh` and export {Variable}=<the URL it prints> (scripts/test.sh does both).");
            return url!;
        }
    }

    /// <summary>A run id no other test uses, so tests can share the server and run in parallel.</summary>
    public static string NewRunId(string test) => $"test-{test}-{Guid.NewGuid():N}";

    public static RedisFabricOptions Options(string runId, TimeSpan? claimTimeout = null, TimeSpan? heartbeatTtl = null) => new()
    {
        Endpoints = [Url],
        RunId = runId,
        ClaimIdleTimeout = claimTimeout ?? TimeSpan.FromSeconds(30),
        HeartbeatTtl = heartbeatTtl ?? TimeSpan.FromSeconds(10),
        RetryBudget = TimeSpan.FromSeconds(5),
    };
}
