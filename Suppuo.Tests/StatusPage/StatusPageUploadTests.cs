using System.Net;
using System.Text;
using Suppuo.Tests.Scale;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.StatusPage;

/// <summary>W26: what a customer may upload from the status page, decided by the file's content; nothing left behind.</summary>
public class StatusPageUploadTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    /// <summary>A real 1×1 PNG, in hex chunk by chunk (signature, IHDR, IDAT, IEND): its base64 reads like a Meta access token.</summary>
    public static readonly byte[] RealPng = Convert.FromHexString(
        "89504E470D0A1A0A" + "0000000D49484452000000010000000108060000001F15C489" + "0000000D4944415478DA636460F85F0F0002870180EB47BA92"
        + "0000000049454E44AE426082");

    private static readonly byte[] RealPdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    private async Task<(TestWorkspace Workspace, int Id, string StatusUrl)> NewTicketAsync()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Broken parcel", body = "See the photo", channel = "web", requesterName = "Siti" });
        return (workspace, ticket.Int("id"), ticket.Str("statusUrl"));
    }

    private string AttachmentsDirectory => Path.Combine(app.DataDirectory, "attachments");

    private int StoredFileCount() =>
        Directory.Exists(AttachmentsDirectory) ? Directory.GetFiles(AttachmentsDirectory, "*", SearchOption.AllDirectories).Length : 0;

    public static TheoryData<string, string, byte[]> Disguised => new()
    {
        { "ubuntu.iso", "application/octet-stream", [.. new byte[0x8001], .. "CD001"u8.ToArray()] },
        { "page.xht", "application/octet-stream", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>"u8.ToArray() },
        { "bank.url", "text/plain", "[InternetShortcut]\r\nURL=https://evil.example/\r\n"u8.ToArray() },
        { "photo.png", "image/png", "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray() },
        { "invoice.pdf", "application/pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00] },
        { "setup.msi", "application/msword", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0] },
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task W26_an_upload_is_judged_by_its_content_against_an_allow_list(string fileName, string declaredType, byte[] bytes)
    {
        var (workspace, id, statusUrl) = await NewTicketAsync();
        var stored = StoredFileCount();

        var (status, html) = await StatusPageClient.For(app, statusUrl).ReplyAsync("see attached", (fileName, declaredType, bytes));

        Assert.Equal(HttpStatusCode.OK, status); // the form again, with the reason
        Assert.Contains("are not accepted", html);
        var ticket = await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}");
        Assert.Single(ticket["messages"]!.AsArray());
        Assert.Equal(stored, StoredFileCount());
    }

    [Theory]
    [InlineData("photo.png", "image/png")]
    [InlineData("invoice.pdf", "application/pdf")]
    [InlineData("notes.txt", "text/plain; charset=utf-8")]
    public async Task W26_a_real_photo_pdf_or_text_is_accepted_and_stored_with_the_type_its_content_shows(string fileName, string expectedType)
    {
        var (workspace, id, statusUrl) = await NewTicketAsync();
        var bytes = fileName.EndsWith(".png", StringComparison.Ordinal) ? RealPng
            : fileName.EndsWith(".pdf", StringComparison.Ordinal) ? RealPdf
            : "Nomor pesanan: 1042\nTerima kasih 🙏\n"u8.ToArray();

        // The browser's declared type is not trusted either way: a lie in the good direction is corrected too.
        var (status, html) = await StatusPageClient.For(app, statusUrl).ReplyAsync("see attached", (fileName, "text/html", bytes));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Your reply was sent", html);
        var ticket = await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}");
        var attachment = ticket["messages"]!.AsArray()[^1]!["attachments"]![0]!;
        Assert.Equal(fileName, attachment.Str("fileName"));
        Assert.Equal(expectedType, attachment.Str("contentType"));
        Assert.Equal(bytes.Length, attachment["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task W26_a_file_one_byte_over_10_MB_is_refused()
    {
        var (workspace, id, statusUrl) = await NewTicketAsync();
        var stored = StoredFileCount();
        var bytes = new byte[10 * 1024 * 1024 + 1];
        RealPng.CopyTo(bytes, 0);

        var (status, html) = await StatusPageClient.For(app, statusUrl).ReplyAsync("big photo", ("big.png", "image/png", bytes));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("at most 10 MB", html);
        Assert.Single((await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}"))["messages"]!.AsArray());
        Assert.Equal(stored, StoredFileCount());
    }

    [Fact]
    public async Task W26_a_failed_commit_leaves_no_file_behind()
    {
        var (workspace, id, statusUrl) = await NewTicketAsync();
        // A fault injected into the database: the insert of this one attachment fails, after its file was written.
        await app.WithDbAsync(async db => await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database,
            "CREATE TRIGGER IF NOT EXISTS fail_upload BEFORE INSERT ON Attachments WHEN NEW.FileName = 'fail-commit.png' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"));
        var stored = StoredFileCount();

        var (status, _) = await StatusPageClient.For(app, statusUrl).ReplyAsync("photo", ("fail-commit.png", "image/png", RealPng));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Single((await workspace.Api.GetJsonAsync($"/api/v1/tickets/{id}"))["messages"]!.AsArray());
        Assert.Equal(stored, StoredFileCount());
    }
}

/// <summary>The status page's body limit on the real Kestrel, where bodies arrive over a socket.</summary>
public class StatusPageBodyLimitTests(SuppuoAppOnKestrel app) : IClassFixture<SuppuoAppOnKestrel>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task W26_a_40_MB_status_page_post_is_refused_without_reading_the_whole_body(bool declaresLength)
    {
        using var http = new HttpClient { BaseAddress = app.BaseUrl }; // starts Kestrel before the first client
        var workspace = await app.CreateWorkspaceAsync();
        var ticket = await workspace.Api.PostJsonAsync("/api/v1/tickets", new { subject = "Video", body = "Here", channel = "web", requesterName = "Siti" });
        var path = new Uri(ticket.Str("statusUrl")).AbsolutePath;
        var body = new EndlessBody(40L * 1024 * 1024, declaresLength);

        HttpResponseMessage? response = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // The server may close the connection while the client is still sending: also a refusal.
        }

        if (response is not null)
            Assert.True((int)response.StatusCode is 400 or 413, $"answered {(int)response.StatusCode}");
        // The app stops at 10.5 MB; Kestrel drains a little more and the sockets buffer some before the close, more so on a
        // busy machine. Without the limit the whole of Kestrel's 30 MB default was read first.
        Assert.True(body.Sent < 24L * 1024 * 1024, $"the server took {body.Sent:N0} bytes of a 40 MB body");
    }

    /// <summary>A multipart body of <c>size</c> bytes, made while sent, that counts how much the server took.</summary>
    private sealed class EndlessBody : HttpContent
    {
        private readonly long _size;
        private readonly bool _declaresLength;
        public long Sent;

        public EndlessBody(long size, bool declaresLength)
        {
            _size = size;
            _declaresLength = declaresLength;
            Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
            if (declaresLength)
                Headers.ContentLength = size;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            var head = "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"\r\nContent-Type: video/mp4\r\n\r\n"u8.ToArray();
            head.CopyTo(chunk, 0);
            while (Sent < _size)
            {
                var count = (int)Math.Min(chunk.Length, _size - Sent);
                await stream.WriteAsync(chunk.AsMemory(0, count));
                Sent += count;
                if (Sent == count)
                    Array.Clear(chunk, 0, head.Length);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _size;
            return _declaresLength; // not Headers.ContentLength: its getter asks this method
        }
    }
}
