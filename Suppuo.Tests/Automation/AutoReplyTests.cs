using System.Net.Http.Json;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Automation;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Automation;

/// <summary>W13, email side: GET/PUT /api/v1/settings/auto-reply and the automation message on new tickets.</summary>
public class AutoReplyTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    [Fact]
    public async Task Auto_reply_settings_need_an_API_key()
    {
        var anonymous = app.CreateClient();
        await (await anonymous.GetAsync("/api/v1/settings/auto-reply")).AssertProblemAsync(401);
        await (await anonymous.PutAsync("/api/v1/settings/auto-reply", Json.Body("""{ "enabled": true, "text": "hi" }"""))).AssertProblemAsync(401);
    }

    [Fact]
    public async Task Auto_reply_is_off_until_saved_and_reads_back_what_was_saved()
    {
        var workspace = await app.CreateWorkspaceAsync();
        Assert.False((await workspace.Api.GetJsonAsync("/api/v1/settings/auto-reply"))["enabled"]!.GetValue<bool>());

        var put = await workspace.Api.PutAsync("/api/v1/settings/auto-reply", Json.Body("""{ "enabled": true, "text": "Hi {{requester.name}}!" }"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var saved = await workspace.Api.GetJsonAsync("/api/v1/settings/auto-reply");
        Assert.True(saved["enabled"]!.GetValue<bool>());
        Assert.Equal("Hi {{requester.name}}!", saved.Str("text"));
    }

    [Theory]
    [InlineData("""{ "enabled": true }""", "text")]
    [InlineData("""{ "text": "hello" }""", "enabled")]
    [InlineData("""{ "enabled": true, "text": "   " }""", "text")]
    [InlineData("""{ "enabled": "yes", "text": "hello" }""", "enabled")]
    public async Task Invalid_auto_reply_is_400_naming_the_field(string body, string field)
    {
        var workspace = await app.CreateWorkspaceAsync();
        await (await workspace.Api.PutAsync("/api/v1/settings/auto-reply", Json.Body(body))).AssertProblemAsync(400, field);
    }

    [Fact]
    public async Task Auto_reply_text_over_1000_characters_is_400_naming_text()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var response = await workspace.Api.PutAsJsonAsync("/api/v1/settings/auto-reply", new { enabled = true, text = new string('a', 1001) });
        await response.AssertProblemAsync(400, "text");
    }

    [Fact]
    public async Task New_ticket_gets_the_auto_reply_with_placeholders_filled_and_unknown_ones_kept()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await workspace.Api.PutAsJsonAsync("/api/v1/settings/auto-reply",
            new { enabled = true, text = "Hi {{requester.name}}, ticket #{{ticket.id}}: {{status_url}} {{ order.total }}" });
        var address = $"ayu-{Guid.NewGuid():N}@customer.example";

        var created = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Hello", body = "Is it in stock?", channel = "email", requesterEmail = address, requesterName = "Ayu" });

        var ticket = await workspace.Api.GetJsonAsync($"/api/v1/tickets/{created.Int("id")}");
        var messages = ticket["messages"]!.AsArray();
        var automation = Assert.Single(messages, m => m.Str("author") == "automation");
        Assert.Equal($"Hi Ayu, ticket #{created.Int("id")}: {created.Str("statusUrl")} {{{{ order.total }}}}", automation.Str("body"));
        Assert.False(automation!["internal"]!.GetValue<bool>());
        Assert.Equal("open", ticket.Str("status")); // T3: automation changes no status

        // The auto-reply is the acknowledgement mail: one mail, carrying its text.
        var mails = await Eventually.UntilAsync(async () =>
        {
            var rows = await app.WithDbAsync(db => db.OutboundEmails.Where(e => e.TicketId == created.Int("id")).ToListAsync());
            return rows.Count > 0 ? rows : null;
        }, "the auto-reply mail to be queued");
        var mail = Assert.Single(mails);
        Assert.Contains("Hi Ayu", mail.TextBody);
        Assert.Equal(address, mail.ToAddress);
    }

    [Fact]
    public async Task WhatsApp_ticket_gets_the_automation_message_too_with_the_delivery_hook_but_no_mail()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await workspace.Api.PutAsJsonAsync("/api/v1/settings/auto-reply", new { enabled = true, text = "Thanks {{requester.name}}!" });

        var created = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Stock?", channel = "whatsapp", requesterPhone = "+6281200000001" });
        var id = created.Int("id");

        var ticket = await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}");
        var automation = Assert.Single(ticket["messages"]!.AsArray(), m => m.Str("author") == "automation");
        Assert.Equal("Thanks there!", automation!.Str("body"));
        Assert.Contains(app.Events, e => e is AutoReplyAdded added && added.TicketId == id && added.MessageId == automation.Int("id"));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.TicketId == id)));
    }

    [Fact]
    public async Task Agent_reply_never_triggers_another_auto_reply()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await workspace.Api.PutAsJsonAsync("/api/v1/settings/auto-reply", new { enabled = true, text = "We got it" });
        var id = (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Loop?", channel = "web", body = "hi" })).Int("id");

        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Reply", @internal = false });

        var messages = (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}"))["messages"]!.AsArray();
        Assert.Single(messages, m => m.Str("author") == "automation");
    }

    [Theory]
    [InlineData("{{ticket.id}}", "42")]
    [InlineData("{{ TICKET.ID }}", "42")]
    [InlineData("{{nope}} {{", "{{nope}} {{")]
    [InlineData("{{requester.name}}", "there")]
    public void Placeholders_render_and_unknown_ones_stay_as_written(string text, string expected) =>
        Assert.Equal(expected, AutoReplyText.Render(text, 42, null, "https://x/status/t", Suppuo.Core.Common.CustomerText.For("en")));
}
