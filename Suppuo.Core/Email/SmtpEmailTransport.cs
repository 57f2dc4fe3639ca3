using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Suppuo.Core.Email;

/// <summary>Sends over SMTP with MailKit, one connection per mail: the outbox sends a handful at a time, not bulk.</summary>
public sealed class SmtpEmailTransport(SuppuoOptions.SmtpOptions options) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        // Auto: TLS on connect for 465, STARTTLS when the server offers it on other ports.
        await client.ConnectAsync(options.Host ?? throw new InvalidOperationException("Suppuo:Smtp:Host is not set."), options.Port, SecureSocketOptions.Auto, cancellationToken);
        if (!string.IsNullOrEmpty(options.User))
            await client.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
