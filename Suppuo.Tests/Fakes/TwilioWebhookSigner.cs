using System.Security.Cryptography;
using System.Text;

namespace Suppuo.Tests.Fakes;

/// <summary>Signs webhooks the way Twilio does (docs/providers.md, "Twilio: signatures"), written from the spec rather than with the SDK we test.</summary>
public static class TwilioWebhookSigner
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
            data.Append(name).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
