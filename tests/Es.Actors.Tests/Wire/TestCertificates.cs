// Self-signed certificates for the TLS tests, made in the test and written to a temporary .pfx, so the suite needs no files or tools.
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Es.Actors.Tests.Wire;

/// <summary>A self-signed certificate for 127.0.0.1 and localhost, good for server and client authentication, in a password-protected .pfx that is deleted on dispose.</summary>
internal sealed class TestCertificate : IDisposable
{
    public TestCertificate(string commonName = "esakka-test")
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        Thumbprint = certificate.Thumbprint;
        Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"esakka-tls-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(Path, certificate.Export(X509ContentType.Pfx, Password));
    }

    /// <summary>The .pfx file.</summary>
    public string Path { get; }

    /// <summary>The .pfx file's password.</summary>
    public string Password { get; }

    /// <summary>The certificate's SHA-1 thumbprint (hex), for pinning.</summary>
    public string Thumbprint { get; }

    /// <summary>The HOCON that turns TLS on with this certificate.</summary>
    public string Hocon(bool suppressValidation) => $$"""
        akka.remote.dot-netty.tcp {
          enable-ssl = true
          ssl {
            certificate { path = "{{Path}}", password = "{{Password}}" }
            suppress-validation = {{(suppressValidation ? "on" : "off")}}
          }
        }
        """;

    public void Dispose() => File.Delete(Path);
}
