// --dashboard listens on loopback unless remote listening is asked for; malformed addresses are refused with the form to use.
using System.Net;
using Es.Viz.Dashboard;

namespace Es.Viz.Tests.Dashboard;

public sealed class DashboardAddressTests
{
    [Theory]
    [InlineData("8050", "127.0.0.1", 8050)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("localhost:9000", "127.0.0.1", 9000)]
    [InlineData("[::1]:9000", "::1", 9000)]
    public void Parse_AcceptsLoopback(string text, string address, int port)
    {
        IPEndPoint endpoint = DashboardAddress.Parse(text, allowRemote: false);
        Assert.Equal(IPAddress.Parse(address), endpoint.Address);
        Assert.Equal(port, endpoint.Port);
    }

    [Theory]
    [InlineData("0.0.0.0:8050")]
    [InlineData("192.168.1.20:8050")]
    public void Parse_RefusesOtherAddressesUnlessAllowed(string text)
    {
        var e = Assert.Throws<VizInputException>(() => DashboardAddress.Parse(text, allowRemote: false));
        Assert.Contains("--dashboard-allow-remote", e.Message, StringComparison.Ordinal);
        Assert.False(IPAddress.IsLoopback(DashboardAddress.Parse(text, allowRemote: true).Address));
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("example:80")]
    [InlineData("127.0.0.1:-1")]
    public void Parse_RefusesWhatIsNotAnAddressAndPort(string text) =>
        Assert.Throws<VizInputException>(() => DashboardAddress.Parse(text, allowRemote: false));
}
