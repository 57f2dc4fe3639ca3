using Bunit;
using Suppuo.Core.Tickets;
using Suppuo.Web.Components.Tickets;

namespace Suppuo.Tests.Components;

/// <summary>W22: reactions and shared places as the agent sees them in the thread.</summary>
public class MessageKindRenderingTests : MudComponentTest
{
    private static readonly DateTime At = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private IRenderedComponent<MessageBubble> RenderBubble(MessageDto message) =>
        Bunit.Render<MessageBubble>(p => p.Add(x => x.Message, message).Add(x => x.RequesterName, "Budi"));

    [Fact]
    public void W22_a_reaction_is_an_emoji_badge_on_the_message_it_names()
    {
        var bubble = RenderBubble(new MessageDto(1, 1, MessageAuthor.Agent, false, "Paket dikirim besok", At, [], null, null,
            Reactions: [new ReactionDto("👍", ReactionBy.Requester, At.AddMinutes(1))]));
        var badge = bubble.Find("[data-testid=reaction]");
        Assert.Equal("👍", badge.TextContent);
        Assert.Equal("requester", badge.GetAttribute("data-by"));
    }

    [Fact]
    public void W22_without_reactions_there_is_no_badge()
    {
        var bubble = RenderBubble(new MessageDto(1, 1, MessageAuthor.Requester, false, "Halo", At, [], null, null));
        Assert.Empty(bubble.FindAll("[data-testid=reactions]"));
    }

    [Fact]
    public void W22_a_location_links_to_openstreetmap()
    {
        const string map = "https://www.openstreetmap.org/?mlat=-6.2&mlon=106.8#map=17/-6.2/106.8";
        var bubble = RenderBubble(new MessageDto(1, 1, MessageAuthor.Requester, false, $"📍 Monas\n-6.2, 106.8\n{map}", At, [], null, null, MessageKind.Location));
        Assert.Equal("location", bubble.Find("[data-testid=message]").GetAttribute("data-kind"));
        Assert.Equal(map, bubble.Find("[data-testid=map-link]").GetAttribute("href"));
        Assert.Contains("Monas", bubble.Find(".body").TextContent);
        Assert.DoesNotContain("openstreetmap", bubble.Find(".body").TextContent);
    }

    [Fact]
    public void W22_an_edited_message_offers_its_earlier_text_and_a_deleted_one_is_struck_through()
    {
        var edited = RenderBubble(new MessageDto(1, 1, MessageAuthor.Requester, false, "Jl. Melati 2", At, [], null, null,
            EditedAt: At.AddMinutes(2), OriginalBody: "Jl. Mawar 1"));
        Assert.Equal("Jl. Mawar 1", edited.Find("[data-testid=original-body]").TextContent);
        Assert.Contains("Jl. Melati 2", edited.Find(".body").TextContent);

        var deleted = RenderBubble(new MessageDto(1, 1, MessageAuthor.Requester, false, "Salah kirim", At, [], null, null, DeletedAt: At.AddMinutes(3)));
        Assert.Equal("Salah kirim", deleted.Find("[data-testid=deleted] s").TextContent);
    }
}
