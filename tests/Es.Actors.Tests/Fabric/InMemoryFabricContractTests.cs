// Runs the IFabric contract against the single-process fabric.
using Es.Actors.Fabric;

namespace Es.Actors.Tests.Fabric;

public sealed class InMemoryFabricContractTests : FabricContractTests
{
    protected override IFabric Open(TimeSpan? claimTimeout = null, TimeSpan? heartbeatTtl = null) => new InMemoryFabric(claimTimeout, heartbeatTtl);

    protected override IFabric Peer(IFabric fabric) => fabric;
}
