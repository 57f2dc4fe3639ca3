using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Api;

/// <summary>/api/v1/tickets and a ticket's messages, as docs/contract.md promises them.</summary>
public class TicketsApiTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private static object EmailTicket(string subject = "Invoice for October", string? body = "Please resend it.") =>
        new { subject, body, channel = "email", requesterName = "Maria", requesterEmail = "maria@example.com" };

    [Theory]
    [InlineData("GET", "/api/v1/tickets")]
    [InlineData("GET", "/api/v1/tickets/1")]
    [InlineData("POST", "/api/v1/tickets")]
    [InlineData("PATCH", "/api/v1/tickets/1")]
    [InlineData("POST", "/api/v1/tickets/1/messages")]
    [InlineData("GET", "/api/v1/attachments/1")]
    public async Task Every_route_without_an_api_key_is_401_problem(string method, string url)
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json.Body("{}") });
        await response.AssertProblemAsync(401);
    }

    [Fact]
    public async Task An_unknown_api_key_is_401_problem()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "sk_not-a-real-key");
        var response = await client.GetAsync("/api/v1/tickets");
        await response.AssertProblemAsync(401);
    }

    [Fact]
    public async Task Create_ticket_answers_201_with_location_and_the_ticket()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var response = await workspace.Api.PostAsJsonAsync("/api/v1/tickets",
            new { subject = "  Pesanan belum sampai ", body = "Sudah 5 hari", channel = "whatsapp", requesterName = "Budi", requesterPhone = "+6281234567890", requesterEmail = "budi@example.com" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = await response.ReadJsonAsync();
        Assert.Equal($"/api/v1/tickets/{ticket.Int("id")}", response.Headers.Location?.ToString());
        Assert.Equal("Pesanan belum sampai", ticket.Str("subject"));
        Assert.Equal("open", ticket.Str("status"));
        Assert.Equal("whatsapp", ticket.Str("channel"));
        Assert.Equal("+6281234567890", ticket.Str("requesterPhone"));
        Assert.Equal("budi@example.com", ticket.Str("requesterEmail"));
        Assert.Null(ticket["assigneeId"]);
        Assert.StartsWith("https://suppuo.example.com/status/", ticket.Str("statusUrl"));
        Assert.EndsWith("Z", ticket.Str("createdAt"));
        var first = Assert.Single(ticket["messages"]!.AsArray());
        Assert.Equal("requester", first.Str("author"));
        Assert.Equal("Sudah 5 hari", first.Str("body"));
    }

    [Fact]
    public async Task Get_ticket_returns_the_thread_oldest_first()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", EmailTicket());
        var id = ticket.Int("id");
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Sent it again.", @internal = false });
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Check NPWP first", @internal = true });

        var fetched = await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}");
        var messages = fetched["messages"]!.AsArray();
        Assert.Equal(["Please resend it.", "Sent it again.", "Check NPWP first"], messages.Select(m => m.Str("body")));
        Assert.Equal(["requester", "agent", "agent"], messages.Select(m => m.Str("author")));
        Assert.Equal([false, false, true], messages.Select(m => m!["internal"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task T3_public_reply_through_the_api_moves_the_ticket_to_pending_and_a_note_does_not()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = (await workspace.Api.PostJsonAsync("/api/v1/tickets", EmailTicket())).Int("id");

        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Internal only", @internal = true });
        Assert.Equal("open", (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}")).Str("status"));

        var reply = await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Here you go", @internal = false });
        Assert.Equal(id, reply.Int("ticketId"));
        Assert.Null(reply["delivery"]);
        Assert.Equal("pending", (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}")).Str("status"));
    }

    [Fact]
    public async Task T4_patch_sets_any_status_and_assignee_and_null_unassigns()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = (await workspace.Api.PostJsonAsync("/api/v1/tickets", EmailTicket())).Int("id");

        var assigned = await (await workspace.Api.PatchAsync($"/api/v1/tickets/{id}", Json.Body($$"""{"status":"resolved","assigneeId":"{{workspace.OwnerUserId}}"}"""))).ReadJsonAsync();
        Assert.Equal("resolved", assigned.Str("status"));
        Assert.Equal(workspace.OwnerUserId, assigned.Str("assigneeId"));

        var statusOnly = await (await workspace.Api.PatchAsync($"/api/v1/tickets/{id}", Json.Body("""{"status":"closed"}"""))).ReadJsonAsync();
        Assert.Equal("closed", statusOnly.Str("status"));
        Assert.Equal(workspace.OwnerUserId, statusOnly.Str("assigneeId")); // absent = unchanged

        var unassigned = await (await workspace.Api.PatchAsync($"/api/v1/tickets/{id}", Json.Body("""{"assigneeId":null}"""))).ReadJsonAsync();
        Assert.Null(unassigned["assigneeId"]);
        Assert.Equal("closed", unassigned.Str("status"));

        var reopened = await (await workspace.Api.PatchAsync($"/api/v1/tickets/{id}", Json.Body("""{"status":"open"}"""))).ReadJsonAsync();
        Assert.Equal("open", reopened.Str("status"));
    }

    [Fact]
    public async Task Assigning_an_agent_of_another_workspace_is_400_naming_assigneeId()
    {
        var mine = await app.CreateWorkspaceAsync();
        var theirs = await app.CreateWorkspaceAsync();
        var id = (await mine.Api.PostJsonAsync("/api/v1/tickets", EmailTicket())).Int("id");

        var response = await mine.Api.PatchAsync($"/api/v1/tickets/{id}", Json.Body($$"""{"assigneeId":"{{theirs.OwnerUserId}}"}"""));
        await response.AssertProblemAsync(400, "assigneeId");
    }

    [Fact]
    public async Task Another_workspaces_ticket_is_404_on_every_route()
    {
        var mine = await app.CreateWorkspaceAsync();
        var theirs = await app.CreateWorkspaceAsync();
        var ticket = await theirs.Api.PostJsonAsync("/api/v1/tickets", EmailTicket());
        var id = ticket.Int("id");

        await (await mine.Api.GetAsync($"/api/v1/tickets/{id}")).AssertProblemAsync(404);
        await (await mine.Api.PatchAsync($"/api/v1/tickets/{id}", Json.Body("""{"status":"closed"}"""))).AssertProblemAsync(404);
        await (await mine.Api.PostAsJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "hi" })).AssertProblemAsync(404);
        Assert.DoesNotContain((await mine.Api.GetJsonAsync("/api/v1/tickets"))["items"]!.AsArray(), t => t.Int("id") == id);

        // And nothing was written to their ticket.
        var after = await theirs.Api.GetJsonAsync($"/api/v1/tickets/{id}");
        Assert.Equal("open", after.Str("status"));
        Assert.Single(after["messages"]!.AsArray());
    }

    [Fact]
    public async Task A_missing_ticket_is_404_problem()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await (await workspace.Api.GetAsync("/api/v1/tickets/999999")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task List_is_newest_activity_first_and_pages_with_a_cursor_without_gaps_or_repeats()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var ids = new List<int>();
        for (var i = 0; i < 7; i++)
            ids.Add((await workspace.Api.PostJsonAsync("/api/v1/tickets", EmailTicket($"Ticket {i}"))).Int("id"));
        // Activity on the first ticket brings it to the top.
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{ids[0]}/messages", new { body = "bump" });

        var seen = new List<int>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await workspace.Api.GetJsonAsync("/api/v1/tickets?limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page["items"]!.AsArray().Select(t => t.Int("id")));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        } while (cursor is not null && pages < 10);

        int[] expected = [ids[0], .. ids.Skip(1).Reverse()];
        Assert.Equal(expected, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task List_filters_by_status_channel_and_requester_phone()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var email = (await workspace.Api.PostJsonAsync("/api/v1/tickets", EmailTicket())).Int("id");
        var whatsapp = (await workspace.Api.PostJsonAsync("/api/v1/tickets",
            new { subject = "Halo", channel = "whatsapp", requesterPhone = "+6281234567890" })).Int("id");
        await workspace.Api.PatchAsync($"/api/v1/tickets/{email}", Json.Body("""{"status":"pending"}"""));

        async Task<int[]> Ids(string query) =>
            (await workspace.Api.GetJsonAsync("/api/v1/tickets?" + query))["items"]!.AsArray().Select(t => t.Int("id")).ToArray();

        Assert.Equal([email], await Ids("status=pending"));
        Assert.Equal([whatsapp], await Ids("status=open"));
        Assert.Equal([whatsapp], await Ids("channel=whatsapp"));
        Assert.Equal([whatsapp], await Ids("requesterPhone=%2B6281234567890"));
        Assert.Empty(await Ids("requesterPhone=%2B6289999999999"));
    }

    [Theory]
    [InlineData("status=snoozed", "status")]
    [InlineData("channel=fax", "channel")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("requesterPhone=6281234567890", "requesterPhone")]
    public async Task List_with_bad_query_is_400_naming_the_parameter(string query, string field)
    {
        var workspace = await app.CreateWorkspaceAsync();
        await (await workspace.Api.GetAsync("/api/v1/tickets?" + query)).AssertProblemAsync(400, field);
    }

    [Theory]
    [InlineData("""{"channel":"email","requesterEmail":"a@example.com"}""", "subject")]
    [InlineData("""{"subject":"   ","channel":"email","requesterEmail":"a@example.com"}""", "subject")]
    [InlineData("""{"subject":"Hi","channel":"pigeon","requesterEmail":"a@example.com"}""", "channel")]
    [InlineData("""{"subject":"Hi","requesterEmail":"a@example.com"}""", "channel")]
    [InlineData("""{"subject":"Hi","channel":"email","requesterEmail":"not-an-email"}""", "requesterEmail")]
    [InlineData("""{"subject":"Hi","channel":"email"}""", "requesterEmail")]
    [InlineData("""{"subject":"Hi","channel":"whatsapp","requesterPhone":"0812345"}""", "requesterPhone")]
    [InlineData("""{"subject":"Hi","channel":"whatsapp","requesterPhone":"ID.4566abc"}""", "requesterPhone")]
    [InlineData("""{"subject":5,"channel":"email","requesterEmail":"a@example.com"}""", "subject")]
    [InlineData("""{"subject":"Hi","channel":["email"],"requesterEmail":"a@example.com"}""", "channel")]
    public async Task Create_with_bad_input_is_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        var workspace = await app.CreateWorkspaceAsync();
        await (await workspace.Api.PostAsync("/api/v1/tickets", Json.Body(json))).AssertProblemAsync(400, field);
        Assert.Empty((await workspace.Api.GetJsonAsync("/api/v1/tickets"))["items"]!.AsArray());
    }

    [Fact]
    public async Task W27_a_WhatsApp_ticket_without_requesterPhone_is_created_and_its_replies_go_by_email_never_to_WhatsApp()
    {
        var workspace = await app.CreateWorkspaceAsync();
        // A connected number: were the phone-less ticket treated as a WhatsApp conversation, its reply would queue here.
        await app.ConnectTwilioAsync(workspace);
        var created = await workspace.Api.PostJsonAsync("/api/v1/tickets",
            new { subject = "Dari integrasi", channel = "whatsapp", requesterEmail = "budi@example.com", requesterPhone = (string?)null });
        Assert.Equal("whatsapp", created.Str("channel"));
        Assert.Null(created["requesterPhone"]);

        var reply = await workspace.ReplyAsync(created.Int("id"), "Pesanan Anda sudah dikirim.");

        Assert.Equal(0, await app.WithDbAsync(db => db.Deliveries.CountAsync(d => d.MessageId == reply.Int("id"))));
        Assert.Null(reply["delivery"]);
        var mail = await Eventually.UntilAsync(() => app.WithDbAsync(db => db.OutboundEmails.SingleOrDefaultAsync(e => e.MessageId == reply.Int("id"))),
            "the reply's mail to the customer");
        Assert.Equal("budi@example.com", mail.ToAddress);
    }

    [Fact]
    public async Task Create_with_an_over_long_subject_is_400_naming_subject()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var response = await workspace.Api.PostAsJsonAsync("/api/v1/tickets", EmailTicket(subject: new string('x', 121)));
        await response.AssertProblemAsync(400, "subject");
    }

    [Theory]
    [InlineData("{\"subject\": \"Hi\", ")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Create_with_malformed_json_is_400_problem(string json)
    {
        var workspace = await app.CreateWorkspaceAsync();
        await (await workspace.Api.PostAsync("/api/v1/tickets", Json.Body(json))).AssertProblemAsync(400);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_400_problem_and_writes_nothing()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var huge = JsonSerializerBody(new { subject = "Big", channel = "email", requesterEmail = "a@example.com", body = new string('x', 2 * 1024 * 1024) });
        var problem = await (await workspace.Api.PostAsync("/api/v1/tickets", huge)).AssertProblemAsync(400);
        Assert.Contains("at most", problem.Str("detail"));
        Assert.Empty((await workspace.Api.GetJsonAsync("/api/v1/tickets"))["items"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"status":"snoozed"}""", "status")]
    [InlineData("""{"status":null}""", "status")]
    [InlineData("""{"status":3}""", "status")]
    [InlineData("""{"assigneeId":42}""", "assigneeId")]
    [InlineData("""[]""", "body")]
    public async Task Patch_with_bad_input_is_400_naming_the_field(string json, string field)
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = (await workspace.Api.PostJsonAsync("/api/v1/tickets", EmailTicket())).Int("id");
        await (await workspace.Api.PatchAsync($"/api/v1/tickets/{id}", Json.Body(json))).AssertProblemAsync(400, field);
        Assert.Equal("open", (await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}")).Str("status"));
    }

    [Theory]
    [InlineData("""{"internal":false}""", "body")]
    [InlineData("""{"body":"   "}""", "body")]
    [InlineData("""{"body":"hi","internal":"yes"}""", "internal")]
    public async Task Post_message_with_bad_input_is_400_naming_the_field(string json, string field)
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = (await workspace.Api.PostJsonAsync("/api/v1/tickets", EmailTicket())).Int("id");
        await (await workspace.Api.PostAsync($"/api/v1/tickets/{id}/messages", Json.Body(json))).AssertProblemAsync(400, field);
        Assert.Single((await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}"))["messages"]!.AsArray());
    }

    private static StringContent JsonSerializerBody(object value) => Json.Body(System.Text.Json.JsonSerializer.Serialize(value));
}
