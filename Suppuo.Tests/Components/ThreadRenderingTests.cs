using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Delivery;
using Suppuo.Core.Tickets;
using Suppuo.Web.Components;
using Suppuo.Web.Components.Inbox;
using Suppuo.Web.Components.Tickets;

namespace Suppuo.Tests.Components;

/// <summary>How a thread and an inbox row read to an agent.</summary>
public class ThreadRenderingTests : MudComponentTest
{
    private static readonly DateTime At = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private IStringLocalizer<Words> Words => Bunit.Services.GetRequiredService<IStringLocalizer<Words>>();

    private static MessageDto Message(MessageAuthor author, bool isInternal = false, string body = "Halo", DeliveryDto? delivery = null, params AttachmentDto[] attachments) =>
        new(1, 1, author, isInternal, body, At, attachments, delivery, null);

    private IRenderedComponent<MessageBubble> RenderBubble(MessageDto message, Action<MessageDto>? onRetry = null) =>
        Bunit.Render<MessageBubble>(p =>
        {
            p.Add(x => x.Message, message).Add(x => x.RequesterName, "Budi");
            if (onRetry is not null)
                p.Add(x => x.OnRetry, onRetry);
        });

    [Fact]
    public void Requester_messages_sit_on_the_left_with_the_customers_name()
    {
        var bubble = RenderBubble(Message(MessageAuthor.Requester));
        Assert.Contains("from-customer", bubble.Find("[data-testid=message]").ClassName);
        Assert.Contains("Budi", bubble.Markup);
    }

    [Fact]
    public void Public_agent_replies_sit_on_the_right_without_an_internal_label()
    {
        var bubble = RenderBubble(Message(MessageAuthor.Agent));
        Assert.Contains("from-agent", bubble.Find("[data-testid=message]").ClassName);
        Assert.Empty(bubble.FindAll("[data-testid=internal-label]"));
    }

    [Fact]
    public void T3_internal_notes_are_labelled_internal_not_sent()
    {
        var bubble = RenderBubble(Message(MessageAuthor.Agent, isInternal: true));
        Assert.Equal("Internal — not sent", bubble.Find("[data-testid=internal-label]").TextContent);
        Assert.Contains("internal", bubble.Find("[data-testid=message]").ClassName);
    }

    [Fact]
    public void Automation_messages_are_marked()
    {
        var bubble = RenderBubble(Message(MessageAuthor.Automation));
        Assert.Contains("Automation", bubble.Markup);
        Assert.Contains("automation", bubble.Find("[data-testid=message]").ClassName);
    }

    [Theory]
    [InlineData(DeliveryStatus.Queued)]
    [InlineData(DeliveryStatus.Sent)]
    [InlineData(DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Read)]
    public void W11_each_reply_shows_its_delivery_state(DeliveryStatus status)
    {
        var bubble = RenderBubble(Message(MessageAuthor.Agent, delivery: new DeliveryDto(status, null, At)));
        Assert.Equal(status.ToString().ToLowerInvariant(), bubble.Find("[data-testid=delivery]").GetAttribute("data-status"));
        Assert.Empty(bubble.FindAll("[data-testid=retry]"));
    }

    [Fact]
    public void W11_a_failed_delivery_shows_the_reason_and_a_retry_button()
    {
        MessageDto? retried = null;
        var message = Message(MessageAuthor.Agent, delivery: new DeliveryDto(DeliveryStatus.Failed, "Outside the 24-hour window (63016)", At));
        var bubble = RenderBubble(message, m => retried = m);
        Assert.Contains("Outside the 24-hour window (63016)", bubble.Find("[data-testid=delivery]").TextContent);
        bubble.Find("[data-testid=retry]").Click();
        Assert.Same(message, retried);
    }

    [Fact]
    public void W8_images_preview_inline_audio_plays_and_every_file_downloads()
    {
        var bubble = RenderBubble(Message(MessageAuthor.Requester, false, "[attachment: photo-1.jpg]", null,
            new AttachmentDto(10, "photo-1.jpg", "image/jpeg", 2048, AttachmentStatus.Ready, null),
            new AttachmentDto(11, "voice-2.ogg", "audio/ogg", 4096, AttachmentStatus.Ready, null),
            new AttachmentDto(12, "document-3.pdf", "application/pdf", 9000, AttachmentStatus.Ready, null)));
        Assert.Equal("attachments/10", bubble.Find("img").GetAttribute("src"));
        Assert.Equal("attachments/11", bubble.Find("audio").GetAttribute("src"));
        Assert.Equal(3, bubble.FindAll("a[download]").Count);
    }

    [Fact]
    public void W8_pending_and_failed_downloads_are_visible_on_the_message()
    {
        var bubble = RenderBubble(Message(MessageAuthor.Requester, false, "", null,
            new AttachmentDto(10, "photo-1.jpg", "image/jpeg", 0, AttachmentStatus.Pending, null),
            new AttachmentDto(11, "video-2.mp4", "video/mp4", 0, AttachmentStatus.Failed, "Larger than 16 MiB")));
        Assert.Contains("photo-1.jpg — downloading", bubble.Markup);
        Assert.Contains("Larger than 16 MiB", bubble.Markup);
        Assert.Empty(bubble.FindAll("img"));
    }

    [Fact]
    public void W14_each_file_of_a_whatsapp_reply_shows_its_own_state_and_a_refused_one_says_why()
    {
        const string refusal = "report.exe not sent over WhatsApp: the type application/x-msdownload is not supported — the customer can still download it from their status page.";
        var bubble = RenderBubble(Message(MessageAuthor.Agent, false, "Terlampir", new DeliveryDto(DeliveryStatus.Delivered, null, At),
            new AttachmentDto(10, "photo.png", "image/png", 2048, AttachmentStatus.Ready, null, new DeliveryDto(DeliveryStatus.Read, null, At)),
            new AttachmentDto(11, "report.exe", "application/x-msdownload", 4096, AttachmentStatus.Ready, null, null, refusal)));

        var states = bubble.FindAll("[data-testid=attachment-delivery]");
        Assert.Equal("read", Assert.Single(states).GetAttribute("data-status"));
        Assert.Equal(refusal, bubble.Find("[data-testid=whatsapp-refusal]").TextContent.Trim());
        Assert.Contains("report.exe", bubble.FindAll("[data-testid=attachment]")[1].TextContent);
        Assert.Equal("delivered", bubble.Find("[data-testid=delivery]").GetAttribute("data-status"));
    }

    private static List<MessageDto> Conversation(int count) =>
        Enumerable.Range(1, count).Select(i => new MessageDto(i, 1, MessageAuthor.Requester, false, $"Pesan {i}", At.AddMinutes(i), [], null, null)).ToList();

    private static IEnumerable<string> ShownBodies(IRenderedComponent<MessageThread> thread) =>
        thread.FindAll("[data-testid=message] .body").Select(b => b.TextContent);

    [Fact]
    public void A_thread_shows_the_messages_it_holds_newest_at_the_bottom_and_asks_the_page_for_earlier_ones()
    {
        var asked = 0;
        var thread = Bunit.Render<MessageThread>(p => p.Add(x => x.Messages, Conversation(50)).Add(x => x.HasEarlier, true)
            .Add(x => x.OnShowEarlier, () => asked++));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"Pesan {i}"), ShownBodies(thread));

        thread.Find("[data-testid=show-earlier]").Click();
        Assert.Equal(1, asked);
    }

    [Fact]
    public void A_short_thread_shows_every_message_and_no_button()
    {
        var thread = Bunit.Render<MessageThread>(p => p.Add(x => x.Messages, Conversation(3)));
        Assert.Equal(["Pesan 1", "Pesan 2", "Pesan 3"], ShownBodies(thread));
        Assert.Empty(thread.FindAll("[data-testid=show-earlier]"));
    }

    [Fact]
    public void An_inbox_row_shows_requester_subject_preview_status_and_the_waiting_marker()
    {
        var item = new InboxItem(7, "Pesanan belum sampai", TicketStatus.Open, TicketChannel.WhatsApp, "Budi", "+6281234567890", null, null, null,
            At.AddMinutes(-5), "Sudah 5 hari", AwaitingReply: true);
        var row = Bunit.Render(TicketRow.Render(item, selected: false, At, LocalTime.For(null, null), Words));
        Assert.Equal("tickets/7", row.Find("a").GetAttribute("href"));
        Assert.Contains("Budi", row.Markup);
        Assert.Contains("Pesanan belum sampai", row.Markup);
        Assert.Contains("Sudah 5 hari", row.Markup);
        Assert.Contains("5m", row.Markup);
        Assert.Single(row.FindAll("[data-testid=awaiting-reply]"));
    }

    [Fact]
    public void W18_a_customer_without_a_number_reads_as_such()
    {
        var item = new InboxItem(8, "Halo", TicketStatus.Pending, TicketChannel.WhatsApp, null, null, null, "ID.4566abc", null, At, null, false);
        var row = Bunit.Render(TicketRow.Render(item, selected: false, At, LocalTime.For(null, null), Words));
        Assert.Contains("WhatsApp user (no number shared)", row.Markup);
        Assert.Empty(row.FindAll("[data-testid=awaiting-reply]"));
    }
}
