using Microsoft.AspNetCore.DataProtection;

namespace Suppuo.Core.WhatsApp;

/// <summary>Provider secrets at rest, encrypted with the install's Data Protection keys.</summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Suppuo.WhatsApp.ProviderSecrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
