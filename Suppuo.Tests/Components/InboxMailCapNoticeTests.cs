using Bunit;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Email;
using Suppuo.Tests.Support;
using Suppuo.Web.Components.Pages;

namespace Suppuo.Tests.Components;

/// <summary>The app with a customer mail cap of one per hour, so that a second mail waits.</summary>
public sealed class OneMailPerHourApp : SuppuoApp
{
    public OneMailPerHourApp() => WithSetting("Suppuo:Mail:MaxPerWorkspacePerHour", "1");
}

/// <summary>W26: over the mail cap, admins see on their inbox that customers' mails wait and until when; agents do not.</summary>
public sealed class InboxMailCapNoticeTests(OneMailPerHourApp app) : LivePageTest(app), IClassFixture<OneMailPerHourApp>
{
    [Fact]
    public async Task W26_an_admin_s_inbox_says_why_customer_mails_wait_and_an_agent_s_does_not()
    {
        var workspace = await App.CreateWorkspaceAsync();
        for (var i = 0; i < 3; i++)
            await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = $"Order {i}", channel = "email", requesterEmail = $"c{i}@customer.example" });
        await Eventually.WaitForAsync(() => App.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.WorkspaceId == workspace.Id && e.Status == EmailStatus.Sent)),
            sent => sent == 1, "the hour's one mail sent");

        SignInAs(workspace, "Admin");
        var admins = Bunit.Render<Inbox>();
        admins.WaitForAssertion(() => Assert.StartsWith("2 customer emails are waiting: this workspace reached its limit of 1 per hour",
            admins.Find("[data-testid=customer-mail-wait]").TextContent.Trim()));

        SignInAs(workspace);
        var agents = Bunit.Render<Inbox>();
        agents.WaitForAssertion(() => Assert.Contains("Order 2", agents.Markup));
        Assert.Empty(agents.FindAll("[data-testid=customer-mail-wait]"));
    }
}
