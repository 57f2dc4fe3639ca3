using System.Net;
using System.Net.Http.Headers;
using Suppuo.Core.Tickets;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.StatusPage;

/// <summary>The customer's status page /status/{token}, over HTTP as a browser without script uses it.</summary>
public class StatusPageTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    private static async Task<(int Id, string StatusUrl)> NewTicketAsync(TestWorkspace workspace, string subject = "Order 1042 not delivered")
    {
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new
        {
            subject, body = "Where is my parcel?", channel = "web", requesterName = "Siti",
        });
        return (ticket.Int("id"), ticket.Str("statusUrl"));
    }

    private static async Task<Json.Attachment> ReplyWithFileAsync(TestWorkspace workspace, int ticketId, string body, bool isInternal, string fileName)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(body), "body" },
            { new StringContent(isInternal ? "true" : "false"), "internal" },
        };
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "files", fileName);
        var response = await workspace.Api.PostAsync($"/api/v1/tickets/{ticketId}/messages", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var message = await response.ReadJsonAsync();
        return new Json.Attachment(message["attachments"]![0].Int("id"), fileName);
    }

    private static string AttachmentPath(string statusUrl, int attachmentId) => new Uri(statusUrl).AbsolutePath + $"/attachments/{attachmentId}";

    [Fact]
    public async Task Status_page_shows_subject_status_and_public_thread_but_never_internal_notes()
    {
        var workspace = await app.CreateWorkspaceAsync("Toko Budi");
        var (id, statusUrl) = await NewTicketAsync(workspace);
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "NOTE: customer is a reseller, check the margin", @internal = true });
        await workspace.Api.PostJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "It ships tomorrow morning.", @internal = false });

        var html = await StatusPageClient.For(app, statusUrl).ReadAsync();

        Assert.Contains("Order 1042 not delivered", html);
        Assert.Contains("Toko Budi", html);
        Assert.Contains("Waiting for your reply", html); // pending after the agent's public reply (T3)
        Assert.Contains("Where is my parcel?", html);
        Assert.Contains("It ships tomorrow morning.", html);
        Assert.True(html.IndexOf("Where is my parcel?", StringComparison.Ordinal) < html.IndexOf("It ships tomorrow morning.", StringComparison.Ordinal), "oldest first");
        Assert.DoesNotContain("reseller", html);
    }

    [Fact]
    public async Task Unknown_status_token_is_a_plain_404()
    {
        var client = app.CreateClient();
        var response = await client.GetAsync("/status/not-a-real-token-0000000000");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/status/not-a-real-token-0000000000/attachments/1")).StatusCode);
    }

    [Fact]
    public async Task Agent_attachments_open_through_the_status_link_of_their_own_ticket_only()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var (mine, myUrl) = await NewTicketAsync(workspace, "Mine");
        var (theirs, _) = await NewTicketAsync(workspace, "Someone else's");
        var myFile = await ReplyWithFileAsync(workspace, mine, "Your invoice", isInternal: false, "invoice.png");
        var noteFile = await ReplyWithFileAsync(workspace, mine, "Scan of their ID", isInternal: true, "id-card.png");
        var otherFile = await ReplyWithFileAsync(workspace, theirs, "Their invoice", isInternal: false, "other.png");
        var customer = StatusPageClient.For(app, myUrl);

        var links = StatusPageClient.AttachmentLinks(await customer.ReadAsync());
        Assert.Equal([$"status/{new Uri(myUrl).Segments[^1]}/attachments/{myFile.Id}"], links);
        var own = await customer.Http.GetAsync(AttachmentPath(myUrl, myFile.Id));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(Png, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", own.Headers.GetValues("X-Content-Type-Options").Single());

        Assert.Equal(HttpStatusCode.NotFound, (await customer.Http.GetAsync(AttachmentPath(myUrl, otherFile.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.Http.GetAsync(AttachmentPath(myUrl, noteFile.Id))).StatusCode);
    }

    [Fact]
    public async Task Customer_reply_reopens_a_resolved_ticket_and_agents_hear_of_it()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var (id, statusUrl) = await NewTicketAsync(workspace);
        var patched = await workspace.Api.PatchAsync($"/api/v1/tickets/{id}", Json.Body("""{ "status": "resolved" }"""));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        var (status, html) = await StatusPageClient.For(app, statusUrl).ReplyAsync("It arrived broken, see photo", ("broken.png", "image/png", Png));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Your reply was sent", html);
        Assert.Contains("It arrived broken, see photo", html);
        var ticket = await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}");
        Assert.Equal("open", ticket.Str("status"));
        var last = ticket["messages"]!.AsArray()[^1]!;
        Assert.Equal("requester", last.Str("author"));
        Assert.Equal("broken.png", last["attachments"]![0].Str("fileName"));
        Assert.Contains(app.Events, e => e is MessageAdded added && added.TicketId == id && added.MessageId == last.Int("id"));
        Assert.Contains(app.Events, e => e is TicketStatusChanged { From: TicketStatus.Resolved, To: TicketStatus.Open } changed && changed.TicketId == id);
    }

    [Theory]
    [InlineData("page.html", "text/html")]
    [InlineData("script.js", "application/octet-stream")]
    [InlineData("setup.exe", "application/x-msdownload")]
    public async Task Dangerous_upload_is_refused_with_a_clear_message(string fileName, string contentType)
    {
        var workspace = await app.CreateWorkspaceAsync();
        var (id, statusUrl) = await NewTicketAsync(workspace);

        var (status, html) = await StatusPageClient.For(app, statusUrl).ReplyAsync("see attached", (fileName, contentType, "<script>alert(1)</script>"u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, status); // the form again, with the reason, as a browser shows it
        Assert.Contains("scripts and programs are not accepted", html);
        var ticket = await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}");
        Assert.Single(ticket["messages"]!.AsArray()); // only the first message: nothing was stored
    }

    [Fact]
    public async Task Closed_ticket_shows_no_reply_form_and_refuses_a_reply()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var (id, statusUrl) = await NewTicketAsync(workspace);
        var customer = StatusPageClient.For(app, statusUrl);
        var formPage = await customer.ReadAsync(); // the form as it was rendered while the ticket was open
        await workspace.Api.PatchAsync($"/api/v1/tickets/{id}", Json.Body("""{ "status": "closed" }"""));

        Assert.DoesNotContain("Send reply", await customer.ReadAsync());
        var (status, html) = await customer.ReplyAsync("one more thing", formPage: formPage);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("This request is closed", html);
        var ticket = await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}");
        Assert.Equal("closed", ticket.Str("status"));
        Assert.Single(ticket["messages"]!.AsArray());
    }
}
