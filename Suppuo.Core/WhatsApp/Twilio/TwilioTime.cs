namespace Suppuo.Core.WhatsApp.Twilio;

/// <summary>The SDK parses Twilio's RFC 2822 dates (always +0000) into local or unspecified times; we keep UTC (docs/decisions/007-postgresql-and-redis.md).</summary>
public static class TwilioTime
{
    public static DateTime? Utc(DateTime? time) => time switch
    {
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { Kind: DateTimeKind.Unspecified } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
        _ => time,
    };
}
