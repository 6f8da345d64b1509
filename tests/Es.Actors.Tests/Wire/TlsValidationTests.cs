// Pins what certificate validation decides: with validation on, a self-signed certificate nobody trusts is refused, and pinning (DotNettySslSetup) admits exactly the pinned certificate.
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;
using Es.Actors.Evolution;

namespace Es.Actors.Tests.Wire;

[Collection(RemotingCollection.Name)]
public sealed class TlsValidationTests : IDisposable
{
    private readonly TestCertificate _ours = new("esakka-ours");
    private readonly TestCertificate _stranger = new("esakka-stranger");
    private readonly List<ActorSystem> _systems = [];

    /// <summary>How long a message gets to arrive: ample for a TLS handshake on loopback; a refused one never arrives.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(6);

    private ActorSystem Node(Config config, Setup? setup = null)
    {
        BootstrapSetup bootstrap = BootstrapSetup.Create().WithConfig(config);
        ActorSystem system = setup is null ? ActorSystem.Create("esakka", bootstrap) : ActorSystem.Create("esakka", ActorSystemSetup.Create(bootstrap, setup));
        _systems.Add(system);
        return system;
    }

    private static Config Tls(TestCertificate certificate, bool suppressValidation) => WireTestSystems.Remote("run-v", extra: certificate.Hocon(suppressValidation));

    /// <summary>Pins <paramref name="pinned"/>: a peer must present exactly that certificate.</summary>
    private static DotNettySslSetup Pinned(TestCertificate own, TestCertificate pinned) =>
        new(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(own.Path, own.Password), false, true, CertificateValidation.PinnedCertificate(pinned.Thumbprint));

    /// <summary>Whether a message from <paramref name="from"/> reaches an inbox on <paramref name="to"/>.</summary>
    private static async Task<bool> Reaches(ActorSystem from, ActorSystem to)
    {
        var received = new TaskCompletionSource<object>();
        string name = $"inbox-{Guid.NewGuid():N}";
        to.ActorOf(Props.Create(() => new Inbox(received)), name);
        Address address = ((ExtendedActorSystem)to).Provider.DefaultAddress;
        from.ActorSelection(new RootActorPath(address) / "user" / name).Tell(new RequestWork(1, 1));
        Task done = await Task.WhenAny(received.Task, Task.Delay(Patience));
        return done == received.Task;
    }

    [Fact]
    public async Task WithValidationOn_ASelfSignedCertificateNobodyTrusts_Should_BeRefused()
    {
        ActorSystem a = Node(Tls(_ours, suppressValidation: false));
        ActorSystem b = Node(Tls(_ours, suppressValidation: false));
        Assert.False(await Reaches(a, b));
    }

    [Fact]
    public async Task PinnedCertificates_Should_AdmitThePinnedPeer_AndRefuseAnyOther()
    {
        ActorSystem a = Node(Tls(_ours, false), Pinned(_ours, _ours));
        ActorSystem b = Node(Tls(_ours, false), Pinned(_ours, _ours));
        Assert.True(await Reaches(a, b));

        ActorSystem stranger = Node(Tls(_stranger, false), Pinned(_stranger, _ours));
        Assert.False(await Reaches(stranger, b));
        Assert.False(b.WhenTerminated.IsCompleted);
    }

    public void Dispose()
    {
        foreach (ActorSystem system in _systems) system.Terminate().Wait(TimeSpan.FromSeconds(10));
        _ours.Dispose();
        _stranger.Dispose();
    }

    private sealed class Inbox : ReceiveActor
    {
        public Inbox(TaskCompletionSource<object> received) => ReceiveAny(m => received.TrySetResult(m));
    }
}
