using Suppuo.Core.WhatsApp;
using Suppuo.Core.WhatsApp.Twilio;

namespace Suppuo.Tests.WhatsApp;

public class SubjectLineTests
{
    [Fact]
    public void W6_a_first_line_of_120_characters_is_kept_whole() =>
        Assert.Equal(new string('x', 120), SubjectLine.From(new string('x', 120) + "\nrest"));

    [Fact]
    public void W6_a_longer_first_line_is_cut_to_120() =>
        Assert.Equal(new string('x', 120), SubjectLine.From(new string('x', 121)));

    [Fact]
    public void W6_an_emoji_with_a_skin_tone_straddling_the_limit_is_dropped_whole()
    {
        var subject = SubjectLine.From(new string('x', 117) + "👍🏽 thanks"); // 4 UTF-16 units, one grapheme
        Assert.Equal(new string('x', 117), subject);
    }

    [Fact]
    public void W6_no_text_is_WhatsApp_inquiry() => Assert.Equal("WhatsApp inquiry", SubjectLine.From(null));

    [Fact]
    public void W4_the_signature_matches_the_protocol_test_vector()
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = "AC00000000000000000000000000000001", ["Body"] = "Halo, pesanan saya belum sampai",
            ["From"] = "whatsapp:+6281234567890", ["MessageSid"] = "SM00000000000000000000000000000001", ["NumMedia"] = "0",
            ["ProfileName"] = "Budi", ["To"] = "whatsapp:+14155238886", ["WaId"] = "6281234567890",
        };
        const string url = "https://suppuo.example.com/webhooks/twilio/whatsapp";
        Assert.True(TwilioSignature.IsValid("test-auth-token-1234", url, form, "CzkrVEsc52DAJfkXY6Yy3Bjb4Po="));
        Assert.Equal("CzkrVEsc52DAJfkXY6Yy3Bjb4Po=", Fakes.TwilioWebhookSigner.Sign("test-auth-token-1234", url, form));
        Assert.False(TwilioSignature.IsValid("test-auth-token-1234", url, form, null));
        Assert.False(TwilioSignature.IsValid("another-token", url, form, "CzkrVEsc52DAJfkXY6Yy3Bjb4Po="));
    }

    [Theory]
    [InlineData("whatsapp:+6281234567890", "+6281234567890", null)]
    [InlineData("WhatsApp:+6281234567890", "+6281234567890", null)]
    [InlineData("whatsapp:ID.4566abcDEF123", null, "ID.4566abcDEF123")]
    [InlineData("whatsapp:6281234567890", null, null)]
    [InlineData("whatsapp:+62 812", null, null)]
    public void W18_twilio_addresses_are_a_phone_or_a_user_id_never_both(string address, string? phone, string? userId)
    {
        Assert.Equal(phone, TwilioAddress.Phone(address));
        Assert.Equal(userId, TwilioAddress.UserId(address));
    }
}
