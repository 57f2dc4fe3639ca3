using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Suppuo.Core.Common;
using Suppuo.Core.Email;

namespace Suppuo.Core.Workspaces;

/// <summary>
/// Mails about a person's own account (confirm your email, you are invited, someone used your address): sent at once
/// through the same transport as customer mail, not through the outbox, because the person waits for it and it is no
/// customer mail a workspace could count against its hourly cap.
/// </summary>
public sealed class AccountMailer(IEmailTransport transport, IPublicUrls urls, IOptions<SuppuoOptions> options, ILogger<AccountMailer> logger)
{
    public string Link(string pathAndQuery) => urls.Absolute(pathAndQuery);

    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.Smtp.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        try
        {
            await transport.SendAsync(message, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Could not send the account mail \"{Subject}\"", subject);
            throw new ProviderUnavailableException("We could not send the email just now. Try again in a few minutes.", error);
        }
    }
}
