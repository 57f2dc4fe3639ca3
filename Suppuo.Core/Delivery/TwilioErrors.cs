using System.Net.Http;
using Suppuo.Core.WhatsApp.Twilio;
using Twilio.Exceptions;

namespace Suppuo.Core.Delivery;

/// <summary>Twilio's answers and error codes as delivery outcomes and readable reasons (docs/providers.md, "Twilio: error codes").</summary>
public static class TwilioErrors
{
    public static SendOutcome OfSend(ApiException error) => error switch
    {
        // Twilio never processed these: sending again cannot duplicate the message.
        { Code: 20429 } or { Status: 429 } => new SendOutcome.Retry("Twilio is limiting this account's requests (error 20429); retrying.", MayHaveArrived: false),
        { Code: 63018 } => new SendOutcome.Retry("WhatsApp's rate limit for this number was reached (Twilio 63018); retrying.", MayHaveArrived: false),
        { Code: 20003 } or { Status: 401 } => new SendOutcome.Failed(
            "Twilio rejected the workspace's credentials (error 20003): the auth token was probably changed or revoked. Update it on the Channels page, then retry.",
            TwilioHealth.Revoked),
        { Code: 63007 } => new SendOutcome.Failed(Reason(63007, error.Message),
            "Twilio has no WhatsApp sender for this number (error 63007). Check the sender in the Twilio console."),
        // A 5xx may come after Twilio stored the message: the next attempt looks for it first.
        { Status: >= 500 } or { Status: 0, Code: 0 } => new SendOutcome.Retry($"Twilio answered {StatusText(error.Status)}; retrying.", MayHaveArrived: true),
        _ => new SendOutcome.Failed(Reason(error.Code, error.Message)),
    };

    /// <summary>No answer: refused connections never reached Twilio; anything else (a timeout above all) may have.</summary>
    public static SendOutcome OfConnection(Exception error)
    {
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
                return new SendOutcome.Retry("Twilio could not be reached; retrying.", MayHaveArrived: false);
        return new SendOutcome.Retry("Twilio did not answer in time; checking whether the message went out before trying again.", MayHaveArrived: true);
    }

    /// <summary>Why Twilio or WhatsApp refused a message, for the agent who wrote it.</summary>
    public static string Reason(int code, string? twilioMessage) => code switch
    {
        63016 => "Not sent: the customer last wrote more than 24 hours ago, and outside that window WhatsApp allows only approved templates (Twilio 63016).",
        21211 => "Not sent: Twilio says the customer's number is not a valid phone number (error 21211).",
        21610 => "Not sent: the customer has blocked or unsubscribed from this number (Twilio 21610).",
        21617 or 21658 => $"Not sent: the reply is longer than WhatsApp's 1,600 characters (Twilio {code}). Shorten it or split it.",
        63003 => "Not delivered: the customer's number is not on WhatsApp or is inactive (Twilio 63003).",
        63021 or 63024 => $"Not delivered: WhatsApp rejected the message or the recipient (Twilio {code}).",
        30003 => "Not delivered: the customer's phone is unreachable (Twilio 30003).",
        30004 => "Not delivered: the message was blocked (Twilio 30004).",
        30005 or 30006 => $"Not delivered: the customer's number cannot receive WhatsApp messages (Twilio {code}).",
        30007 => "Not delivered: the message was filtered as spam (Twilio 30007).",
        _ => Truncate($"Twilio refused the message (error {code})" + (string.IsNullOrWhiteSpace(twilioMessage) ? "." : $": {twilioMessage}")),
    };

    private static string StatusText(int status) => status == 0 ? "with an unreadable error" : $"HTTP {status}";

    private static string Truncate(string text) => text.Length <= 480 ? text : text[..479] + "…";
}
