using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MediatR;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;
using static Suppuo.Tests.Support.Replies;

namespace Suppuo.Tests.AgentTools;

/// <summary>W23: snooze until a time or until the customer writes; the ticket comes back `open` once.</summary>
public class SnoozeTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private static async Task<System.Text.Json.Nodes.JsonNode> PatchAsync(TestWorkspace workspace, int id, object body, int expected = 200)
    {
        var response = await workspace.Api.PatchAsJsonAsync($"/api/v1/tickets/{id}", body);
        if (expected != 200)
            return await response.AssertProblemAsync(expected, "snoozedUntil");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task W23_snoozedUntil_is_set_and_cleared_by_patch_and_bad_values_are_400()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = await workspace.WhatsAppTicketAsync();
        Assert.Null((await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}"))["snoozedUntil"]);

        var until = app.Clock.GetUtcNow().UtcDateTime.AddHours(1);
        var snoozed = await PatchAsync(workspace, id, new { snoozedUntil = until.ToString("O") });
        Assert.Equal(until, snoozed["snoozedUntil"]!.GetValue<DateTime>().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal("customer-reply", (await PatchAsync(workspace, id, new { snoozedUntil = "customer-reply" })).Str("snoozedUntil"));
        Assert.Null((await PatchAsync(workspace, id, new { snoozedUntil = (string?)null }))["snoozedUntil"]);

        await PatchAsync(workspace, id, new { snoozedUntil = "tomorrow" }, 400);
        await PatchAsync(workspace, id, new { snoozedUntil = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1).ToString("O") }, 400);
    }

    [Fact]
    public async Task W23_a_snoozed_ticket_wakes_open_at_its_time_once_across_two_workers()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = await workspace.WhatsAppTicketAsync();
        await workspace.ReplyAsync(id, "Kami cek dulu"); // pending
        await PatchAsync(workspace, id, new { snoozedUntil = app.Clock.GetUtcNow().UtcDateTime.AddHours(1).ToString("O") });
        Assert.Equal(0, await WakeOnTwoWorkersAsync());
        Assert.Equal("pending", (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}")).Str("status"));

        app.Clock.Advance(TimeSpan.FromHours(1.5));
        try
        {
            var woken = await WakeOnTwoWorkersAsync() + await WakeOnTwoWorkersAsync();
            var ticket = await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}");
            Assert.Equal("open", ticket.Str("status"));
            Assert.Null(ticket["snoozedUntil"]);
            Assert.Single(app.Events.OfType<TicketStatusChanged>(), e => e.TicketId == id && e.To == TicketStatus.Open); // announced once
            Assert.True(woken <= 1); // the app's own worker may have taken it first
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromHours(-1.5));
        }
    }

    [Fact]
    public async Task W23_a_snoozed_ticket_leaves_the_open_tab_for_the_snoozed_tab_and_comes_back_when_woken()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var snoozedId = await workspace.WhatsAppTicketAsync(phone: "+6281200000001");
        var openId = await workspace.WhatsAppTicketAsync(phone: "+6281200000002");
        await PatchAsync(workspace, snoozedId, new { snoozedUntil = "customer-reply" });

        var open = await app.SendAsync(new SearchInbox(workspace.Id, workspace.OwnerUserId, TicketStatus.Open));
        Assert.Equal([openId], open.Items.Select(i => i.Id));
        Assert.Equal((1, 1, 2), (open.Counts[TicketStatus.Open], open.SnoozedCount, open.Total));
        var snoozed = await app.SendAsync(new SearchInbox(workspace.Id, workspace.OwnerUserId, Snoozed: true));
        Assert.Equal([snoozedId], snoozed.Items.Select(i => i.Id));

        await PatchAsync(workspace, snoozedId, new { snoozedUntil = (string?)null });
        var back = await app.SendAsync(new SearchInbox(workspace.Id, workspace.OwnerUserId, TicketStatus.Open));
        Assert.Equal(new[] { openId, snoozedId }.Order(), back.Items.Select(i => i.Id).Order());
        Assert.Equal(0, back.SnoozedCount);
    }

    /// <summary>Two nodes' wake-ups at the same moment, each with its own scope and connection.</summary>
    private async Task<int> WakeOnTwoWorkersAsync()
    {
        async Task<int> WakeAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new WakeSnoozedTickets());
        }
        var both = await Task.WhenAll(WakeAsync(), WakeAsync());
        return both.Sum();
    }

    [Fact]
    public async Task W23_a_ticket_snoozed_until_the_customer_replies_is_back_open_on_their_message()
    {
        var number = await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());
        await app.SendWhatsAppAsync(number, Customer, "Halo");
        var id = (await Eventually.WaitForAsync(() => number.Workspace.Api.GetJsonAsync("/api/v1/tickets"),
            page => page["items"]!.AsArray().Count == 1, "the ticket"))["items"]![0].Int("id");
        await number.Workspace.ReplyAsync(id, "Ditunggu ya");
        await PatchAsync(number.Workspace, id, new { snoozedUntil = "customer-reply" });
        app.Clock.Advance(TimeSpan.FromDays(30));
        try
        {
            Assert.Equal(0, await WakeOnTwoWorkersAsync()); // no time wakes it
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromDays(-30));
        }

        await app.SendWhatsAppAsync(number, Customer, "Sudah sampai?");

        var ticket = await Eventually.WaitForAsync(() => number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}"),
            t => t["snoozedUntil"] is null, "the snooze to end on the customer's message");
        Assert.Equal("open", ticket.Str("status"));
    }
}
