using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Suppuo.Core.Attachments;
using Suppuo.Core.Automation;
using Suppuo.Core.CannedResponses;
using Suppuo.Core.Email;
using Suppuo.Core.Delivery;
using Suppuo.Core.Tickets;
using Suppuo.Core.WhatsApp;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.Data;

public class SuppuoDbContext(DbContextOptions<SuppuoDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<TicketRead> TicketReads => Set<TicketRead>();
    public DbSet<MessageReaction> Reactions => Set<MessageReaction>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<OutboundDelivery> Deliveries => Set<OutboundDelivery>();
    public DbSet<WhatsAppConnection> WhatsAppConnections => Set<WhatsAppConnection>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<BusinessNumber> BusinessNumbers => Set<BusinessNumber>();
    public DbSet<OutboundEmail> OutboundEmails => Set<OutboundEmail>();
    public DbSet<AutoReplySettings> AutoReplySettings => Set<AutoReplySettings>();
    public DbSet<CannedResponse> CannedResponses => Set<CannedResponse>();
    public DbSet<CannedResponseFile> CannedResponseFiles => Set<CannedResponseFile>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as readable text, and every DateTime read back as UTC (SQLite keeps no kind).
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Workspace>(workspace =>
        {
            workspace.Property(w => w.Name).HasMaxLength(Workspace.NameMaxLength);
            workspace.Property(w => w.Language).HasMaxLength(Languages.CodeMaxLength).HasDefaultValue(Languages.English);
            workspace.Property(w => w.TimeZone).HasMaxLength(Workspace.TimeZoneMaxLength).HasDefaultValue(Languages.DefaultTimeZone);
            // Existing workspaces read "off" (the column holds the enum's name), never an empty string.
            workspace.Property(w => w.ReadReceipts).HasDefaultValue(ReadReceipts.Off).HasSentinel((ReadReceipts)(-1));
        });

        builder.Entity<AppUser>(user =>
        {
            user.HasOne(u => u.Workspace).WithMany().HasForeignKey(u => u.WorkspaceId);
            user.Property(u => u.DisplayName).HasMaxLength(100);
            user.Property(u => u.Language).HasMaxLength(Languages.CodeMaxLength);
        });

        builder.Entity<ApiKey>(key =>
        {
            key.HasIndex(k => k.KeyHash).IsUnique();
            key.HasOne<Workspace>().WithMany().HasForeignKey(k => k.WorkspaceId);
            key.Property(k => k.Name).HasMaxLength(100);
            // Keys made before scopes existed could do everything, so they stay admin keys. The sentinel is Admin so that
            // a new Read key (the enum's CLR default) is written as Read instead of being left to the column default.
            key.Property(k => k.Scope).HasDefaultValue(ApiKeyScope.Admin).HasSentinel(ApiKeyScope.Admin);
        });

        builder.Entity<Ticket>(ticket =>
        {
            ticket.HasOne<Workspace>().WithMany().HasForeignKey(t => t.WorkspaceId);
            ticket.Property(t => t.Subject).HasMaxLength(Ticket.SubjectMaxLength);
            ticket.Property(t => t.RequesterName).HasMaxLength(Ticket.RequesterNameMaxLength);
            ticket.Property(t => t.RequesterEmail).HasMaxLength(254);
            ticket.Property(t => t.RequesterPhone).HasMaxLength(16);
            ticket.Property(t => t.RequesterWhatsAppId).HasMaxLength(Ticket.RequesterWhatsAppIdMaxLength);
            ticket.Property(t => t.StatusToken).HasMaxLength(64);
            ticket.HasIndex(t => t.StatusToken).IsUnique();
            ticket.Property(t => t.CsatComment).HasMaxLength(Ticket.CsatCommentMaxLength);
            // The inbox: a workspace's tickets of one status, newest activity first.
            ticket.HasIndex(t => new { t.WorkspaceId, t.Status, t.LastMessageAt });
            ticket.HasIndex(t => new { t.WorkspaceId, t.LastMessageAt });
            // The inbox's "assigned to me" filter (bench: 167 ms → a seek on 100k tickets).
            ticket.HasIndex(t => new { t.WorkspaceId, t.AssigneeId, t.LastMessageAt });
            // ... and its tab counts and status tabs: the counts read the agent's own tickets from the index alone instead
            // of every ticket of the workspace (100k tickets: 114 ms).
            ticket.HasIndex(t => new { t.WorkspaceId, t.AssigneeId, t.Status, t.LastMessageAt });
            // Threading: a customer's most recent ticket by phone, or by WhatsApp user id (W5, W18). The activity column
            // is in the index so SQLite seeks on the customer instead of walking the workspace's activity index
            // (bench: 61 ms → under 1 ms per inbound message on 10k tickets).
            ticket.HasIndex(t => new { t.WorkspaceId, t.RequesterPhone, t.LastMessageAt });
            ticket.HasIndex(t => new { t.WorkspaceId, t.RequesterWhatsAppId, t.LastMessageAt });
            ticket.Ignore(t => t.ConnectionId);
            // The inbox's filter by number (W19).
            ticket.HasIndex(t => new { t.WorkspaceId, t.BusinessNumberId, t.LastMessageAt });
            // W23: the Snoozed tab, and the wake-up's due snoozes across workspaces.
            ticket.HasIndex(t => new { t.WorkspaceId, t.SnoozedUntil, t.LastMessageAt });
            ticket.HasIndex(t => t.SnoozedUntil);
            // Customer history by email, as by phone and WhatsApp id above.
            ticket.HasIndex(t => new { t.WorkspaceId, t.RequesterEmail, t.LastMessageAt });
        });

        builder.Entity<CannedResponse>(canned =>
        {
            canned.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId);
            canned.Property(c => c.Shortcut).HasMaxLength(CannedResponse.ShortcutMaxLength);
            canned.Property(c => c.Text).HasMaxLength(CannedResponse.TextMaxLength);
            // One shortcut per workspace: "/thanks" must mean one reply.
            canned.HasIndex(c => new { c.WorkspaceId, c.Shortcut }).IsUnique();
            canned.HasMany(c => c.Files).WithOne().HasForeignKey(f => f.CannedResponseId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CannedResponseFile>(file =>
        {
            file.Property(f => f.FileName).HasMaxLength(Attachment.FileNameMaxLength);
            file.Property(f => f.ContentType).HasMaxLength(Attachment.ContentTypeMaxLength);
            file.Property(f => f.StorageKey).HasMaxLength(200);
        });

        builder.Entity<Message>(message =>
        {
            message.HasOne(m => m.Ticket).WithMany(t => t.Messages).HasForeignKey(m => m.TicketId);
            message.Property(m => m.Body).HasMaxLength(Message.BodyMaxLength);
            message.Property(m => m.ProviderMessageId).HasMaxLength(Message.ProviderMessageIdMaxLength);
            message.Property(m => m.OriginalBody).HasMaxLength(Message.BodyMaxLength);
            // Messages stored before W22 were all text (notes read as `note` from Internal).
            message.Property(m => m.Kind).HasDefaultValue(MessageKind.Text);
            // A quoted message may be gone one day (a ticket deleted): the quote then quotes nothing.
            message.HasOne<Message>().WithMany().HasForeignKey(m => m.ReplyToMessageId).OnDelete(DeleteBehavior.SetNull);
            message.HasIndex(m => new { m.TicketId, m.CreatedAt });
            // Exactly once (W7): a provider message id is stored once per connection.
            message.HasIndex(m => new { m.ConnectionId, m.ProviderMessageId }).IsUnique();
            // Ingest's duplicate check across a workspace's connections, old and new.
            message.HasIndex(m => m.ProviderMessageId);
        });

        builder.Entity<TicketRead>(read =>
        {
            // The inbox looks up its page's rows by (agent, ticket): the key is that index.
            read.HasKey(r => new { r.UserId, r.TicketId });
            read.HasOne<Ticket>().WithMany().HasForeignKey(r => r.TicketId).OnDelete(DeleteBehavior.Cascade);
            read.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MessageReaction>(reaction =>
        {
            reaction.HasOne(r => r.Message).WithMany(m => m.Reactions).HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
            reaction.Property(r => r.Emoji).HasMaxLength(MessageReaction.EmojiMaxLength);
            reaction.Property(r => r.AuthorUserId).HasMaxLength(450);
            // One per side and message, as WhatsApp keeps them: a retry finds the row it made (W7).
            reaction.HasIndex(r => new { r.MessageId, r.By }).IsUnique();
        });

        builder.Entity<Attachment>(attachment =>
        {
            attachment.HasOne(a => a.Message).WithMany(m => m.Attachments).HasForeignKey(a => a.MessageId);
            attachment.Property(a => a.FileName).HasMaxLength(Attachment.FileNameMaxLength);
            attachment.Property(a => a.ContentType).HasMaxLength(Attachment.ContentTypeMaxLength);
            attachment.Property(a => a.Error).HasMaxLength(500);
            attachment.Property(a => a.WhatsAppRefusal).HasMaxLength(500);
            attachment.Property(a => a.LeaseOwner).HasMaxLength(64);
            // The media job's query: pending downloads that are due.
            attachment.HasIndex(a => new { a.Status, a.NextAttemptAt });
        });

        builder.Entity<OutboundDelivery>(delivery =>
        {
            delivery.HasOne(d => d.Message).WithMany(m => m.Deliveries).HasForeignKey(d => d.MessageId);
            delivery.HasOne(d => d.Attachment).WithMany().HasForeignKey(d => d.AttachmentId);
            delivery.Property(d => d.Error).HasMaxLength(500);
            // The worker writes its outcome only over the state it read: a receipt that arrived meanwhile wins (W11).
            delivery.Property(d => d.Status).IsConcurrencyToken();
            delivery.Property(d => d.ProviderMessageId).HasMaxLength(128);
            // A worker whose lease ran out and was taken over must not overwrite the new owner's outcome.
            delivery.Property(d => d.LeaseOwner).HasMaxLength(64).IsConcurrencyToken();
            // The worker's query: what is due next.
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
            delivery.HasIndex(d => d.ProviderMessageId);
        });

        builder.Entity<WhatsAppConnection>(connection =>
        {
            connection.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId);
            connection.Property(c => c.PhoneNumber).HasMaxLength(16);
            connection.Property(c => c.PhoneNumberId).HasMaxLength(64);
            connection.Property(c => c.AccountSid).HasMaxLength(64);
            connection.Property(c => c.VerifyToken).HasMaxLength(64);
            connection.Property(c => c.Health).HasMaxLength(300);
            // Routing keys (W3): Twilio on (account, number), Cloud API on the phone number ID — among connected numbers only,
            // so that a number disconnected here can be connected by another workspace (W19: disconnecting keeps the row).
            // The filter's quoting reads the same on SQLite and PostgreSQL.
            connection.HasIndex(c => new { c.AccountSid, c.PhoneNumber }).IsUnique().HasFilter("\"DisconnectedAt\" IS NULL");
            connection.HasIndex(c => c.PhoneNumberId).IsUnique().HasFilter("\"DisconnectedAt\" IS NULL");
            connection.Property(c => c.Label).HasMaxLength(WhatsAppConnection.LabelMaxLength);
            connection.Property(c => c.DefaultAssigneeId).HasMaxLength(450);
            connection.HasOne<BusinessNumber>().WithMany().HasForeignKey(c => c.BusinessNumberId);
            connection.HasIndex(c => new { c.WorkspaceId, c.IsDefault });
            connection.HasIndex(c => c.VerifyToken);
            connection.ComplexProperty(c => c.Backfill, backfill => backfill.Property(b => b.Error).HasMaxLength(Core.WhatsApp.Twilio.TwilioBackfillState.ErrorMaxLength));
        });

        builder.Entity<Conversation>(conversation =>
        {
            conversation.Property(c => c.RequesterKey).HasMaxLength(170);
            conversation.HasIndex(c => new { c.WorkspaceId, c.BusinessNumberId, c.RequesterKey }).IsUnique();
        });

        builder.Entity<BusinessNumber>(number =>
        {
            number.HasOne<Workspace>().WithMany().HasForeignKey(n => n.WorkspaceId);
            number.Property(n => n.Key).HasMaxLength(BusinessNumber.KeyMaxLength);
            // One record per number per workspace; across workspaces only Twilio's sandbox repeats (W2, W3).
            number.HasIndex(n => new { n.WorkspaceId, n.Key }).IsUnique();
        });

        builder.Entity<OutboundEmail>(email =>
        {
            email.HasOne<Ticket>().WithMany().HasForeignKey(e => e.TicketId);
            email.Property(e => e.ToAddress).HasMaxLength(254);
            email.Property(e => e.ToName).HasMaxLength(200);
            email.Property(e => e.Subject).HasMaxLength(300);
            email.Property(e => e.TextBody).HasMaxLength(Message.BodyMaxLength + 2000);
            email.Property(e => e.LastError).HasMaxLength(500);
            // A worker whose lease ran out and was taken over must not overwrite the new owner's outcome.
            email.Property(e => e.LeaseOwner).HasMaxLength(64).IsConcurrencyToken();
            // The worker's query: what is due next.
            email.HasIndex(e => new { e.Status, e.NextAttemptAt });
            email.HasIndex(e => e.TicketId);
        });

        builder.Entity<AutoReplySettings>(settings =>
        {
            settings.HasKey(s => s.WorkspaceId);
            settings.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId);
            settings.Property(s => s.Text).HasMaxLength(Automation.AutoReplySettings.TextMaxLength);
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue && v.Value.Kind != DateTimeKind.Utc ? v.Value.ToUniversalTime() : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
