using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Layout;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>W23 notifications over the real app: WhatsApp customers write to an unassigned ticket of the agent's workspace.</summary>
public class UnreadNotificationTests(SuppuoApp app) : LivePageTest(app), IClassFixture<SuppuoApp>
{
    private (int Count, int Arrived) LastUpdate()
    {
        if (Bunit.JSInterop.Invocations["suppuoNotify.update"] is not [.., var update])
            return (-1, -1);
        return ((int)update.Arguments[0]!, ((Array)update.Arguments[1]!).Length);
    }

    /// <summary>Polled: the notifier only talks to the browser, it never re-renders, so bunit's render-driven waits would not look again.</summary>
    private static Task UpdatedToAsync((int Count, int Arrived) expected, Func<(int, int)> actual) =>
        Eventually.WaitUntilAsync(() => actual() == expected, $"the title count and notifications to be {expected}");

    [Fact]
    public async Task W23_a_customer_message_raises_the_title_count_a_notification_and_the_row_mark_and_opening_the_ticket_clears_them()
    {
        var workspace = await App.CreateWorkspaceAsync();
        var number = await App.ConnectTwilioAsync(workspace);
        await App.SendWhatsAppAsync(number, "+6281200000001", "Pesanan saya mana?");
        SignInAs(workspace);
        var notifier = Bunit.Render<UnreadNotifier>();
        // Counted on load, with no notification for what was there.
        await UpdatedToAsync((1, 0), LastUpdate);

        await App.SendWhatsAppAsync(number, "+6281200000002", "Halo, mau tanya ongkir");
        await UpdatedToAsync((2, 1), LastUpdate);
        var second = (await workspace.TicketsOfAsync("+6281200000002")).Single().Int("id");
        var inbox = Bunit.Render<Inbox>();
        inbox.WaitForAssertion(() => Assert.Equal(2, inbox.FindAll("[data-testid=unread]").Count));

        Bunit.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"tickets/{second}");
        await UpdatedToAsync((1, 0), LastUpdate);

        var reopened = Bunit.Render<Inbox>();
        reopened.WaitForAssertion(() => Assert.Single(reopened.FindAll("[data-testid=unread]")));
        Assert.Empty(reopened.FindAll($"[data-ticket-id='{second}'] [data-testid=unread]"));

        // The customer writes again on the ticket read: unread again, announced again.
        await App.SendWhatsAppAsync(number, "+6281200000001", "Halo?");
        Bunit.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("");
        await App.SendWhatsAppAsync(number, "+6281200000002", "Masih di sana?");
        await UpdatedToAsync((2, 1), LastUpdate);
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
        await UpdatedToAsync((0, 0), LastUpdate);
    }
}
