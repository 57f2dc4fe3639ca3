using System.Net.Http;
using Suppuo.Core.Delivery;
using Twilio.Exceptions;

namespace Suppuo.Tests.Delivery;

/// <summary>W11, docs/providers.md, "Twilio: error codes": which Twilio answers are retried, which are final, and which may already have sent the message.</summary>
public class TwilioErrorsTests
{
    private static ApiException Answer(int status, int code) => new(code, status, "Twilio says no", $"https://www.twilio.com/docs/errors/{code}", null, null);

    [Theory]
    [InlineData(429, 20429)]
    [InlineData(429, 0)]
    public void W11_rate_limits_are_retried_and_never_reached_twilio(int status, int code)
    {
        var retry = Assert.IsType<SendOutcome.Retry>(TwilioErrors.OfSend(Answer(status, code)));
        Assert.False(retry.MayHaveArrived);
    }

    [Theory]
    [InlineData(500, 20500)]
    [InlineData(503, 0)]
    public void W11_server_errors_are_retried_but_may_have_sent_the_message(int status, int code)
    {
        var retry = Assert.IsType<SendOutcome.Retry>(TwilioErrors.OfSend(Answer(status, code)));
        Assert.True(retry.MayHaveArrived);
    }

    [Theory]
    [InlineData(63016)]
    [InlineData(21211)]
    [InlineData(63003)]
    [InlineData(21610)]
    [InlineData(21617)]
    public void W11_refusals_are_final_with_a_reason_naming_the_code(int code)
    {
        var failed = Assert.IsType<SendOutcome.Failed>(TwilioErrors.OfSend(Answer(400, code)));
        Assert.Contains(code.ToString(), failed.Reason);
        Assert.Null(failed.Health);
    }

    [Fact]
    public void W16_rejected_credentials_fail_and_flag_the_connection()
    {
        var failed = Assert.IsType<SendOutcome.Failed>(TwilioErrors.OfSend(Answer(401, 20003)));
        Assert.Contains("20003", failed.Health);
    }

    [Fact]
    public void W11_a_refused_connection_never_reached_twilio()
    {
        var refused = new ApiConnectionException("Connection Error", new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        Assert.False(Assert.IsType<SendOutcome.Retry>(TwilioErrors.OfConnection(refused)).MayHaveArrived);
    }

    [Fact]
    public void W11_a_timeout_may_have_sent_the_message()
    {
        var timeout = new ApiConnectionException("Connection Error", new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"));
        Assert.True(Assert.IsType<SendOutcome.Retry>(TwilioErrors.OfConnection(timeout)).MayHaveArrived);
    }
}
