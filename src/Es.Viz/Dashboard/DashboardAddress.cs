// Where the live page listens: loopback unless the user explicitly allows other addresses.
using System.Globalization;
using System.Net;

namespace Es.Viz.Dashboard;

/// <summary>
/// Parses --dashboard: PORT, HOST:PORT or [IPv6]:PORT. The page shows a run's metrics and its
/// members to anyone who can reach it and has no login, so only loopback addresses are accepted
/// unless the caller passes allowRemote (--dashboard-allow-remote, --allow-remote).
/// </summary>
public static class DashboardAddress
{
    /// <summary>The endpoint <paramref name="text"/> names; port 0 picks a free port.</summary>
    /// <param name="text">PORT, HOST:PORT or [IPv6]:PORT.</param>
    /// <param name="allowRemote">Accept a non-loopback address.</param>
    /// <param name="option">The option the text came from, for messages.</param>
    /// <param name="remoteOption">The option that allows remote addresses, for messages.</param>
    /// <exception cref="VizInputException">The text is not an address and port, or names a non-loopback address without <paramref name="allowRemote"/>.</exception>
    public static IPEndPoint Parse(string text, bool allowRemote, string option = "--dashboard", string remoteOption = "--dashboard-allow-remote")
    {
        string value = text.Trim();
        string host = "127.0.0.1";
        string port = value;
        int colon = value.LastIndexOf(':');
        if (colon >= 0)
        {
            host = value[..colon].Trim('[', ']');
            port = value[(colon + 1)..];
        }
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number > 65535)
            throw new VizInputException($"{option} '{text}': expected PORT or HOST:PORT with a port from 0 to 65535, e.g. {option} 127.0.0.1:8050");
        IPAddress address;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) address = IPAddress.Loopback;
        else if (!IPAddress.TryParse(host, out address!))
            throw new VizInputException($"{option} '{text}': '{host}' is not an IP address (use 127.0.0.1, ::1, localhost, or with {remoteOption} an interface's address or 0.0.0.0).");
        if (!IPAddress.IsLoopback(address) && !allowRemote)
            throw new VizInputException($"{option} '{text}': {address} is not a loopback address; the page has no login, so listening there needs {remoteOption}.");
        return new IPEndPoint(address, number);
    }
}
