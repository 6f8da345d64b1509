// Runs the IFabric contract against the Redis fabric (ES_TEST_REDIS); a peer is a second connection on the same run.
using Es.Actors.Fabric;
using Es.Actors.Fabric.Redis;

namespace Es.Actors.Tests.Fabric;

public sealed class RedisFabricContractTests : FabricContractTests
{
    private readonly List<RedisFabric> _opened = [];
    private readonly Dictionary<IFabric, RedisFabric> _peers = [];

    protected override IFabric Open(TimeSpan? claimTimeout = null, TimeSpan? heartbeatTtl = null)
    {
        var fabric = new RedisFabric(TestRedis.Options(TestRedis.NewRunId("contract"), claimTimeout, heartbeatTtl));
        _opened.Add(fabric);
        return fabric;
    }

    protected override IFabric Peer(IFabric fabric)
    {
        if (!_peers.TryGetValue(fabric, out RedisFabric? peer))
        {
            peer = new RedisFabric(((RedisFabric)fabric).Options);
            _opened.Add(peer);
            _peers[fabric] = peer;
        }
        return peer;
    }

    public override async Task DisposeAsync()
    {
        foreach (RedisFabric fabric in _opened)
        {
            await fabric.DeleteRunAsync(); // idempotent: a peer's run is already gone
            await fabric.DisposeAsync();
        }
    }
}
