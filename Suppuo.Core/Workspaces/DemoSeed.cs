using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Core.Data;
using Suppuo.Core.Tickets;

namespace Suppuo.Core.Workspaces;

/// <summary>A demo workspace with a few realistic tickets, so a newcomer sees a working inbox (Development only).</summary>
public static class DemoSeed
{
    public const string AdminEmail = "admin@demo.suppuo.test";
    public const string AdminPassword = "SuppuoDemo1!";
    public const string AgentEmail = "agent@demo.suppuo.test";

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(AdminEmail) is not null)
            return;

        var mediator = services.GetRequiredService<IMediator>();
        var db = services.GetRequiredService<SuppuoDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var created = await mediator.Send(new CreateWorkspace("Toko Budi (demo)", AdminEmail, AdminPassword, "Dewi Admin"), cancellationToken);
        var agent = new AppUser
        {
            UserName = AgentEmail, Email = AgentEmail, EmailConfirmed = true,
            WorkspaceId = created.WorkspaceId, Role = WorkspaceRole.Agent, DisplayName = "Rudi Agent",
        };
        await users.CreateAsync(agent, AdminPassword);

        var now = clock.GetUtcNow().UtcDateTime;
        var samples = new (string Subject, TicketChannel Channel, string Name, string? Phone, string? Email, TicketStatus Status, int MinutesAgo, string[] Thread)[]
        {
            ("Halo, pesanan saya belum sampai", TicketChannel.WhatsApp, "Budi Santoso", "+6281234567890", null, TicketStatus.Open, 4,
                ["Halo, pesanan saya belum sampai\nNomor pesanan INV-2041, sudah 5 hari.", "@Baik Pak Budi, kami cek dulu ke kurir ya.", "Terima kasih, ditunggu."]),
            ("Bisa COD ke Bandung?", TicketChannel.WhatsApp, "Siti Rahma", "+6285712345678", null, TicketStatus.Pending, 35,
                ["Bisa COD ke Bandung?", "@Bisa Bu Siti, COD tersedia untuk seluruh Bandung."]),
            ("Invoice for October", TicketChannel.Email, "Maria Chen", null, "maria.chen@example.com", TicketStatus.Open, 90,
                ["Hi, could you resend the October invoice with our tax number on it?", "!Finance needs the NPWP first — asked Rudi."]),
            ("Ukuran sepatu tidak sesuai", TicketChannel.WhatsApp, "Agus", "+6281398765432", null, TicketStatus.Resolved, 60 * 26,
                ["Ukuran sepatu tidak sesuai, mau tukar ke 42", "@Siap, silakan kirim balik, ongkir kami tanggung.", "Oke sudah saya kirim"]),
            ("Website checkout error", TicketChannel.Web, "Lena Hartono", null, "lena@example.org", TicketStatus.Closed, 60 * 72,
                ["The checkout page shows an error after I pick a bank transfer.", "@Fixed now — thanks for reporting it!"]),
        };

        foreach (var sample in samples)
        {
            var at = now.AddMinutes(-sample.MinutesAgo);
            var ticket = new Ticket
            {
                WorkspaceId = created.WorkspaceId, Subject = sample.Subject, Channel = sample.Channel, Status = sample.Status,
                RequesterName = sample.Name, RequesterPhone = sample.Phone, RequesterEmail = sample.Email,
                StatusToken = StatusToken.New(), CreatedAt = at, UpdatedAt = at, LastMessageAt = at,
            };
            var offset = 0;
            foreach (var line in sample.Thread)
            {
                // "@" marks an agent reply and "!" an internal note in the sample threads above.
                var (author, isInternal, body) = line[0] switch
                {
                    '@' => (MessageAuthor.Agent, false, line[1..]),
                    '!' => (MessageAuthor.Agent, true, line[1..]),
                    _ => (MessageAuthor.Requester, false, line),
                };
                var messageAt = at.AddMinutes(offset++);
                ticket.Messages.Add(new Message
                {
                    Author = author, Internal = isInternal, Body = body, CreatedAt = messageAt,
                    AuthorUserId = author == MessageAuthor.Agent ? agent.Id : null,
                });
                ticket.LastMessageAt = ticket.UpdatedAt = messageAt;
            }
            db.Tickets.Add(ticket);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
