using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Layout;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>W23 notifications over the real app: WhatsApp customers write to an unassigned ticket of the agent's workspace.</summary>
public sealed class UnreadNotificationTests(SuppuoApp app) : LivePageTest(app), IClassFixture<SuppuoApp>
{
    private (int Count, int Arrived) LastUpdate()
    {
        var update = Bunit.JSInterop.Invocations["suppuoNotify.update"].Last();
        return ((int)update.Arguments[0]!, ((Array)update.Arguments[1]!).Length);
    }

    [Fact]
    public async Task W23_a_customer_message_raises_the_title_count_a_notification_and_the_row_mark_and_opening_the_ticket_clears_them()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var number = await App.ConnectTwilioAsync(workspace);
        await App.SendWhatsAppAsync(number, "+6281200000001", "Pesanan saya mana?");
        SignInAs(workspace);
        var notifier = Bunit.Render<UnreadNotifier>();
        notifier.WaitForAssertion(() => Assert.Equal((1, 0), LastUpdate())); // counted on load, no notification for what was there

        await App.SendWhatsAppAsync(number, "+6281200000002", "Halo, mau tanya ongkir");
        notifier.WaitForAssertion(() => Assert.Equal((2, 1), LastUpdate()));
        var second = (await workspace.TicketsOfAsync("+6281200000002")).Single().Int("id");
        var inbox = Bunit.Render<Inbox>();
        inbox.WaitForAssertion(() => Assert.Equal(2, inbox.FindAll("[data-testid=unread]").Count));

        Bunit.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"tickets/{second}");
        notifier.WaitForAssertion(() => Assert.Equal((1, 0), LastUpdate()));

        var reopened = Bunit.Render<Inbox>();
        reopened.WaitForAssertion(() => Assert.Single(reopened.FindAll("[data-testid=unread]")));
        Assert.Empty(reopened.FindAll($"[data-ticket-id='{second}'] [data-testid=unread]"));

        // The customer writes again on the ticket read: unread again, announced again.
        await App.SendWhatsAppAsync(number, "+6281200000001", "Halo?");
        Bunit.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("");
        await App.SendWhatsAppAsync(number, "+6281200000002", "Masih di sana?");
        notifier.WaitForAssertion(() => Assert.Equal((2, 1), LastUpdate()));
    }

    [Fact]
    public async Task W23_tickets_assigned_to_someone_else_are_not_counted()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var number = await App.ConnectTwilioAsync(workspace);
        var sari = await App.SendAsync(new Suppuo.Core.Workspaces.AddAgent(workspace.Id, "Sari", $"sari-{Guid.NewGuid():N}@example.test", "Passw0rd!")
            { By = Suppuo.Core.Workspaces.Actor.User(workspace.OwnerUserId) });
        await App.SendWhatsAppAsync(number, "+6281200000003", "Halo");
        var ticket = (await workspace.TicketsOfAsync("+6281200000003")).Single().Int("id");
        await workspace.Api.PatchAsync($"/api/v1/tickets/{ticket}", Json.Body($$"""{"assigneeId":"{{sari.Id}}"}"""));

        SignInAs(workspace);
        var notifier = Bunit.Render<UnreadNotifier>();
        notifier.WaitForAssertion(() => Assert.Equal((0, 0), LastUpdate()));
    }
}
