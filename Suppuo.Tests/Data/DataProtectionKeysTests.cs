using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.WhatsApp;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Data;

/// <summary>The Data Protection key ring at rest (W26; API.md, `Suppuo:DataProtection:CertificatePath`).</summary>
public class DataProtectionKeysTests : RestartTest
{
    private const string Password = "pfx-Passw0rd";

    /// <summary>A self-signed RSA certificate with its private key, as an operator would export it to a PFX.</summary>
    private string NewCertificateFile()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Suppuo key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(DataDirectory, "keyring.pfx"); // in the temp folder the test deletes; an operator keeps it elsewhere
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    private SuppuoApp RunWith(string certificatePath) => SuppuoApp.Over(DataDirectory, Twilio, new Dictionary<string, string>
    {
        ["Suppuo:DataProtection:CertificatePath"] = certificatePath,
        ["Suppuo:DataProtection:CertificatePassword"] = Password,
    });

    [Fact]
    public async Task W26_with_a_certificate_the_key_ring_on_disk_is_encrypted_and_still_reads_back_after_a_restart()
    {
        var certificate = NewCertificateFile();
        string protectedSecret;
        await using (var first = RunWith(certificate))
            protectedSecret = first.Services.GetRequiredService<SecretProtector>().Protect("twilio-auth-token-123");

        var keyFiles = Directory.GetFiles(Path.Combine(DataDirectory, "keys"), "*.xml");
        Assert.NotEmpty(keyFiles);
        foreach (var xml in keyFiles.Select(File.ReadAllText))
        {
            Assert.DoesNotContain("<masterKey", xml);
            Assert.Contains("<encryptedSecret", xml);
        }

        await using var restarted = RunWith(certificate);
        Assert.Equal("twilio-auth-token-123", restarted.Services.GetRequiredService<SecretProtector>().Unprotect(protectedSecret));
    }

    [Fact]
    public async Task W26_without_a_certificate_the_key_ring_is_plain_xml_as_before()
    {
        await using (var app = Run())
            app.Services.GetRequiredService<SecretProtector>().Protect("secret");

        Assert.Contains(Directory.GetFiles(Path.Combine(DataDirectory, "keys"), "*.xml").Select(File.ReadAllText), xml => xml.Contains("<masterKey", StringComparison.Ordinal));
    }
}
