using MimeKit;

namespace Suppuo.Core.Email;

/// <summary>How a finished mail leaves Suppuo: an SMTP server, or a folder of .eml files (docs/contract.md, "Email").</summary>
public interface IEmailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
