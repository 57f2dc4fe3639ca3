using System.Net;
using Suppuo.Tests.Support;
using static Suppuo.Tests.Support.Replies;

namespace Suppuo.Tests.Api;

/// <summary>Messages with files (multipart) and GET /api/v1/attachments/{id}.</summary>
public class AttachmentsApiTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    private async Task<int> NewTicketAsync(TestWorkspace workspace) =>
        (await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Files", channel = "email", requesterEmail = "a@example.com" })).Int("id");

    [Fact]
    public async Task A_reply_with_files_stores_each_and_serves_the_bytes_with_their_type()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = await NewTicketAsync(workspace);
        var pdf = "%PDF-1.4 test"u8.ToArray();

        var response = await workspace.Api.PostAsync($"/api/v1/tickets/{id}/messages",
            Form("Here are the files", false, ("photo.png", "image/png", Png), ("invoice.pdf", "application/pdf", pdf)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var message = await response.ReadJsonAsync();
        var attachments = message["attachments"]!.AsArray();
        Assert.Equal(["photo.png", "invoice.pdf"], attachments.Select(a => a.Str("fileName")));
        Assert.All(attachments, a => Assert.Equal("ready", a.Str("status")));
        Assert.Equal(Png.Length, attachments[0]!["size"]!.GetValue<long>());

        var image = await workspace.Api.GetAsync(new Uri(attachments[0].Str("url")).PathAndQuery);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("inline", image.Content.Headers.ContentDisposition?.DispositionType);

        var document = await workspace.Api.GetAsync(new Uri(attachments[1].Str("url")).PathAndQuery);
        Assert.Equal(pdf, await document.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", document.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", document.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task An_html_upload_always_downloads_and_never_renders_inline()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = await NewTicketAsync(workspace);
        var message = await (await workspace.Api.PostAsync($"/api/v1/tickets/{id}/messages",
            Form(null, true, ("page.html", "text/html", "<script>alert(1)</script>"u8.ToArray())))).ReadJsonAsync();
        Assert.True(message["internal"]!.GetValue<bool>());

        var file = await workspace.Api.GetAsync($"/api/v1/attachments/{message["attachments"]![0].Int("id")}");
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Another_workspaces_attachment_is_404()
    {
        var mine = await app.CreateWorkspaceAsync();
        var theirs = await app.CreateWorkspaceAsync();
        var id = await NewTicketAsync(theirs);
        var message = await (await theirs.Api.PostAsync($"/api/v1/tickets/{id}/messages", Form("x", false, ("a.png", "image/png", Png)))).ReadJsonAsync();

        await (await mine.Api.GetAsync($"/api/v1/attachments/{message["attachments"]![0].Int("id")}")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task An_empty_file_is_400_naming_files_and_nothing_is_written()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = await NewTicketAsync(workspace);
        await (await workspace.Api.PostAsync($"/api/v1/tickets/{id}/messages", Form("x", false, ("empty.txt", "text/plain", [])))).AssertProblemAsync(400, "files");
        Assert.Empty((await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}"))["messages"]!.AsArray());
    }

    [Fact]
    public async Task A_multipart_internal_flag_that_is_not_a_boolean_is_400_naming_internal()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = await NewTicketAsync(workspace);
        var form = Form("x", null);
        form.Add(new StringContent("maybe"), "internal");
        await (await workspace.Api.PostAsync($"/api/v1/tickets/{id}/messages", form)).AssertProblemAsync(400, "internal");
    }

    [Fact]
    public async Task A_path_in_an_uploaded_file_name_is_dropped()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var id = await NewTicketAsync(workspace);
        var message = await (await workspace.Api.PostAsync($"/api/v1/tickets/{id}/messages",
            Form("x", false, ("../../etc/passwd.png", "image/png", Png)))).ReadJsonAsync();
        Assert.Equal("passwd.png", message["attachments"]![0].Str("fileName"));
    }

    [Fact]
    public async Task A_missing_attachment_is_404_problem()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await (await workspace.Api.GetAsync("/api/v1/attachments/987654")).AssertProblemAsync(404);
    }
}
