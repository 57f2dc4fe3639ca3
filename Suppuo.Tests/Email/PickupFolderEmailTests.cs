using Microsoft.EntityFrameworkCore;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Email;

/// <summary>Without Suppuo:Smtp:Host every mail is an .eml file under the data directory (docs/contract.md, "Email").</summary>
public class PickupFolderEmailTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private string MailFolder => Path.Combine(app.DataDirectory, "mail");

    private Task<string> EmlContainingAsync(string text) => Eventually.UntilAsync(async () =>
    {
        if (!Directory.Exists(MailFolder))
            return null;
        foreach (var file in Directory.GetFiles(MailFolder, "*.eml"))
            if ((await File.ReadAllTextAsync(file)).Contains(text, StringComparison.Ordinal))
                return file;
        return null;
    }, $"an .eml file containing '{text}'");

    [Fact]
    public async Task Without_SMTP_each_mail_is_written_as_an_eml_file_in_the_data_directory()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var address = $"dewi-{Guid.NewGuid():N}@customer.example";
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Invoice copy", channel = "email", requesterEmail = address });
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{ticket.Int("id")}/messages", new { body = "Attached is your invoice copy.", @internal = false });

        var acknowledgement = await File.ReadAllTextAsync(await EmlContainingAsync("To: " + address));
        Assert.Contains(ticket.Str("statusUrl"), acknowledgement);
        await EmlContainingAsync("Attached is your invoice copy.");
    }

    [Fact]
    public async Task Ticket_without_email_never_gets_mail()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "WhatsApp only", channel = "whatsapp", requesterPhone = "+6281234567890" });
        var id = ticket.Int("id");
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Reply over WhatsApp only", @internal = false });

        // Mail is queued while the request runs; the outbox has nothing for this ticket, so nothing can ever be sent.
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.TicketId == id)));
        // And once a later email ticket's mail is out, no file ever carried the WhatsApp reply.
        var address = $"later-{Guid.NewGuid():N}@customer.example";
        await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Later email", channel = "email", requesterEmail = address });
        await EmlContainingAsync("To: " + address);
        Assert.DoesNotContain(Directory.GetFiles(MailFolder, "*.eml"), f => File.ReadAllText(f).Contains("Reply over WhatsApp only", StringComparison.Ordinal));
    }
}
