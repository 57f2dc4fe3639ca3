using Suppuo.Core.WhatsApp.CloudApi;

namespace Suppuo.Core.Delivery;

/// <summary>Meta's error codes on a send, as retry decisions and readable reasons (docs/providers.md, "Meta: error codes on send"). Classified by code, not HTTP status.</summary>
public static class CloudErrors
{
    private static readonly HashSet<int> Transient = [1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 131057];

    public static SendOutcome OfSend(GraphApiException error) => error.Code switch
    {
        _ when Transient.Contains(error.Code) => new SendOutcome.Retry($"Meta is busy (error {error.Code}: {error.Message}); trying again.", MayHaveArrived: false),
        131047 => new SendOutcome.Failed("Not delivered: the customer last wrote more than 24 hours ago, and WhatsApp only allows replies within 24 hours (Meta 131047). It can go out once they write again."),
        131026 => new SendOutcome.Failed("Not delivered: WhatsApp cannot deliver to this customer (not on WhatsApp, an old app, or they blocked the number) (Meta 131026)."),
        131021 => new SendOutcome.Failed("Not sent: the customer's number is the workspace's own number (Meta 131021)."),
        131051 => new SendOutcome.Failed("Not sent: WhatsApp does not support this message type (Meta 131051)."),
        190 => new SendOutcome.Failed("Not sent: Meta rejected the workspace's access token (error 190). An admin must enter a new token on the Channels page.",
            Health: "Meta rejected the access token (error 190): enter a new token"),
        10 or (>= 200 and <= 299) => new SendOutcome.Failed($"Not sent: the access token lacks a permission (Meta {error.Code}).",
            Health: $"The access token lacks a permission (Meta {error.Code}): grant whatsapp_business_messaging"),
        100 when error.Subcode == 33 => new SendOutcome.Failed("Not sent: Meta no longer knows this phone number ID for the token (error 100/33).",
            Health: "Meta does not know this phone number ID for the token (100/33)"),
        133010 or 368 or 131031 => new SendOutcome.Failed($"Not sent: Meta blocks this business number (error {error.Code}: {error.Message}).",
            Health: $"Meta blocks this number (error {error.Code})"),
        _ => new SendOutcome.Failed($"Not sent: Meta refused the message (error {error.Code}: {error.Message})."),
    };

    /// <summary>A `failed` status webhook's reason, in the same words as a refused send.</summary>
    public static string Reason(int code, string? title) =>
        OfSend(new GraphApiException(400, code, null, title ?? "")) is SendOutcome.Failed failed ? failed.Reason : $"Not delivered: Meta error {code} ({title}).";
}
