using System.Text.Json.Nodes;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.WhatsApp;

/// <summary>W8: inbound Twilio media is downloaded after the 200, with the account's credentials, and only from Twilio.</summary>
public class TwilioInboundMediaTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private const string Customer = "+6281234567890";
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F'];

    private async Task<TwilioNumber> ConnectedNumberAsync() => await app.ConnectTwilioAsync(await app.CreateWorkspaceAsync());

    /// <summary>A customer's message carrying one file at <paramref name="mediaUrl"/>; returns the ticket and message ids.</summary>
    private async Task<(int TicketId, int MessageId)> SendMediaAsync(TwilioNumber number, string mediaUrl, string contentType, string body = "")
    {
        var form = number.InboundForm(Customer, body);
        form["NumMedia"] = "1";
        form["MediaUrl0"] = mediaUrl;
        form["MediaContentType0"] = contentType;
        var response = await app.PostWebhookAsync(number, form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var ticketId = (await number.Workspace.TicketsOfAsync())[0].Int("id");
        var message = (await number.Workspace.Api.GetJsonAsync($"/api/v1/tickets/{ticketId}"))["messages"]!.AsArray().Last()!;
        return (ticketId, message.Int("id"));
    }

    private static Task<JsonNode> WaitForAttachmentAsync(TwilioNumber number, (int TicketId, int MessageId) message, string status) =>
        Eventually.WaitForAsync(
            async () => (await number.Workspace.MessageAsync(message.TicketId, message.MessageId))["attachments"]![0]!,
            attachment => attachment.Str("status") == status,
            $"the attachment to be {status}");

    [Fact]
    public async Task W8_media_is_downloaded_without_sending_credentials_to_storage()
    {
        var number = await ConnectedNumberAsync();
        var url = app.Twilio.AddMedia(number.AccountSid, Jpeg, "image/jpeg");

        var message = await SendMediaAsync(number, url, "image/jpeg");

        var attachment = await WaitForAttachmentAsync(number, message, "ready");
        Assert.Equal("photo-1.jpg", attachment.Str("fileName"));
        Assert.Equal(Jpeg.Length, attachment["size"]!.GetValue<long>());
        Assert.Null(attachment["error"]);
        var file = await number.Workspace.Api.GetAsync($"/api/v1/attachments/{attachment.Int("id")}");
        Assert.Equal(Jpeg, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", file.Content.Headers.ContentType?.MediaType);

        var path = new Uri(url).AbsolutePath;
        Assert.Equal(number.AccountSid, Assert.Single(app.Twilio.Requests, r => r.Path == path).BasicUser);
        var storage = app.Twilio.Requests.Where(r => r.Path.StartsWith("/cdn/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(storage);
        Assert.All(storage, r => Assert.False(r.HadAuthorization));
    }

    [Fact]
    public async Task W8_the_webhook_answers_before_the_download()
    {
        var number = await ConnectedNumberAsync();
        app.Twilio.HoldMedia = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var message = await SendMediaAsync(number, app.Twilio.AddMedia(number.AccountSid, Jpeg, "image/jpeg"), "image/jpeg");
            Assert.Equal("pending", (await number.Workspace.MessageAsync(message.TicketId, message.MessageId))["attachments"]![0]!.Str("status"));

            app.Twilio.HoldMedia.SetResult();
            await WaitForAttachmentAsync(number, message, "ready");
        }
        finally
        {
            app.Twilio.HoldMedia.TrySetResult();
            app.Twilio.HoldMedia = null;
        }
    }

    [Fact]
    public async Task W26_a_large_file_streams_to_disk_while_it_downloads_instead_of_being_held_in_memory()
    {
        var number = await ConnectedNumberAsync();
        var bytes = new byte[8 * 1024 * 1024];
        Random.Shared.NextBytes(bytes);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Twilio.HoldMediaAfter = (4 * 1024 * 1024, release);
        try
        {
            var message = await SendMediaAsync(number, app.Twilio.AddMedia(number.AccountSid, bytes, "video/mp4"), "video/mp4");

            // Half the file has arrived and the rest is held back: that half is already in the attachment store's
            // file on disk, not in a buffer waiting for the end.
            await Eventually.UntilAsync(() => Task.FromResult(
                Directory.EnumerateFiles(app.DataDirectory, "*.partial", SearchOption.AllDirectories)
                    .Any(f => new FileInfo(f).Length >= 2 * 1024 * 1024) ? "written" : null), "the first half of the file to be on disk");

            release.SetResult();
            var attachment = await WaitForAttachmentAsync(number, message, "ready");
            var file = await number.Workspace.Api.GetAsync($"/api/v1/attachments/{attachment.Int("id")}");
            Assert.Equal(bytes, await file.Content.ReadAsByteArrayAsync());
            Assert.Empty(Directory.EnumerateFiles(app.DataDirectory, "*.partial", SearchOption.AllDirectories));
        }
        finally
        {
            release.TrySetResult();
            app.Twilio.HoldMediaAfter = null;
        }
    }

    [Theory]
    [InlineData("https://evil.example.com/2010-04-01/Accounts/{sid}/Messages/MM1/Media/ME1", "evil.example.com")]
    [InlineData("{base}/2010-04-01/Accounts/ACffffffffffffffffffffffffffffffff/Messages/MM1/Media/ME1", "not a media file of Twilio account")]
    [InlineData("{base}/2010-04-01/Accounts/{sid}/Messages/MM1/Media/..%2F..%2F..%2Fother", "not a media file of Twilio account")]
    [InlineData("{base}/somewhere/else", "not a media file of Twilio account")]
    public async Task W8_a_media_url_outside_twilio_is_refused(string template, string reason)
    {
        var number = await ConnectedNumberAsync();
        var url = template.Replace("{sid}", number.AccountSid).Replace("{base}", app.Twilio.BaseUrl);

        var message = await SendMediaAsync(number, url, "image/jpeg", body: "Lihat foto ini");

        var attachment = await WaitForAttachmentAsync(number, message, "failed");
        Assert.Contains(reason, attachment.Str("error"));
        // Nothing was fetched: the credentials went nowhere, not even to the right host under the wrong path.
        Assert.DoesNotContain(app.Twilio.Requests, r => r.BasicUser == number.AccountSid && r.Path.Contains("/Media/"));
        // The message itself is kept, with the failure visible (W8).
        Assert.Equal("Lihat foto ini", (await number.Workspace.MessageAsync(message.TicketId, message.MessageId)).Str("body"));
    }

    [Theory]
    [InlineData("text/html", "text/html")]
    [InlineData("application/x-msdownload", "application/x-msdownload")]
    public async Task W8_a_file_of_a_type_WhatsApp_does_not_send_is_refused(string servedType, string reason)
    {
        var number = await ConnectedNumberAsync();
        var url = app.Twilio.AddMedia(number.AccountSid, "<html>login</html>"u8.ToArray(), servedType);

        var message = await SendMediaAsync(number, url, "image/jpeg");

        var attachment = await WaitForAttachmentAsync(number, message, "failed");
        Assert.Contains(reason, attachment.Str("error"));
    }

    [Fact]
    public async Task W8_a_file_over_16_MiB_is_refused()
    {
        var number = await ConnectedNumberAsync();
        var url = app.Twilio.AddMedia(number.AccountSid, new byte[16 * 1024 * 1024 + 1], "video/mp4");

        var message = await SendMediaAsync(number, url, "video/mp4");

        var attachment = await WaitForAttachmentAsync(number, message, "failed");
        Assert.Contains("16 MiB", attachment.Str("error"));
    }

    [Fact]
    public async Task W8_a_transient_failure_is_retried_until_ready()
    {
        var number = await ConnectedNumberAsync();
        var url = app.Twilio.AddMedia(number.AccountSid, Jpeg, "image/jpeg");
        app.Twilio.FailNext("media", 503, 20503, "Service Unavailable");
        app.Twilio.FailNext("media", 429, 20429, "Too Many Requests");

        var message = await SendMediaAsync(number, url, "image/jpeg");

        await WaitForAttachmentAsync(number, message, "ready");
        Assert.Equal(3, app.Twilio.Requests.Count(r => r.Path == new Uri(url).AbsolutePath));
    }

    [Fact]
    public async Task W8_media_twilio_no_longer_has_fails_with_the_reason()
    {
        var number = await ConnectedNumberAsync();
        var url = $"{app.Twilio.BaseUrl}/2010-04-01/Accounts/{number.AccountSid}/Messages/MM1/Media/MEgone";

        var message = await SendMediaAsync(number, url, "image/jpeg");

        var attachment = await WaitForAttachmentAsync(number, message, "failed");
        Assert.Contains("no longer has this file", attachment.Str("error"));
    }
}
