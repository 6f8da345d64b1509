// One Redis server address parsed from a redis:// or rediss:// URL, with errors that name the URL.
using System.Globalization;

namespace Es.Actors.Fabric.Redis;

/// <summary>A Redis server address: host, port, and whether the URL asked for TLS (<c>rediss://</c>).</summary>
/// <param name="Host">Host name or IP address.</param>
/// <param name="Port">TCP port (6379 when the URL names none).</param>
/// <param name="Tls">True for a <c>rediss://</c> URL.</param>
public readonly record struct RedisEndpoint(string Host, int Port, bool Tls)
{
    /// <summary>The port Redis listens on unless told otherwise.</summary>
    public const int DefaultPort = 6379;

    /// <summary>
    /// Parses <c>redis://host[:port]</c> or <c>rediss://host[:port]</c>. Credentials in the URL are
    /// refused: they belong in <see cref="RedisFabricOptions.Password"/>, where they stay out of
    /// logs and configuration dumps that print endpoints.
    /// </summary>
    /// <exception cref="ArgumentException">The URL is malformed; the message names it and says what is wrong.</exception>
    public static RedisEndpoint Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        string text = url.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri))
            throw Bad(url, "it is not a URL; expected redis://host:port");
        bool tls = uri.Scheme switch
        {
            "redis" => false,
            "rediss" => true,
            _ => throw Bad(url, $"the scheme is '{uri.Scheme}'; expected redis:// (or rediss:// for TLS)"),
        };
        if (string.IsNullOrEmpty(uri.Host)) throw Bad(url, "it names no host");
        if (!string.IsNullOrEmpty(uri.UserInfo)) throw Bad(url, "credentials do not belong in the URL; set the password option instead");
        if (uri.AbsolutePath is not ("" or "/")) throw Bad(url, $"unexpected path '{uri.AbsolutePath}'");
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)) throw Bad(url, "unexpected query or fragment");
        // Uri reports -1 for "no port" and accepts only 0..65535; 0 is not a port a server listens on.
        int port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        if (port == 0) throw Bad(url, "port 0 is not a server port");
        string host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        return new RedisEndpoint(host, port, tls);
    }

    /// <summary>The URL form, <c>redis://host:port</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(Tls ? "rediss" : "redis")}://{Host}:{Port}");

    private static ArgumentException Bad(string url, string why) => new($"Malformed Redis endpoint '{url}': {why}.", nameof(url));
}
