using Suppuo.Core.Common;

namespace Suppuo.Core.WhatsApp.CloudApi;

/// <summary>W1 for the Cloud API: the token reads the phone number ID, and the app secret proves the same app.</summary>
public sealed class CloudAccountCheck(GraphApi graph)
{
    /// <summary>Returns the number in E.164 when Meta shows one.</summary>
    public async Task<string?> VerifyAsync(string phoneNumberId, string accessToken, string appSecret, CancellationToken cancellationToken)
    {
        try
        {
            var info = await graph.GetPhoneNumberAsync(phoneNumberId, accessToken, appSecret, cancellationToken);
            var digits = new string((info.DisplayPhoneNumber ?? "").Where(char.IsAsciiDigit).ToArray());
            return PhoneNumber.IsE164("+" + digits) ? "+" + digits : null;
        }
        catch (GraphApiException error) when (error.Code == 190)
        {
            throw new ProviderRejectedException("accessToken", $"Meta rejected the access token (error 190: {error.Message}). Create a system-user token with whatsapp_business_messaging and paste it again.");
        }
        catch (GraphApiException error) when (error.Code == 100 && error.Message.Contains("appsecret_proof", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProviderRejectedException("appSecret", "Meta says the app secret does not belong to this token's app. Copy it from App settings → Basic.");
        }
        catch (GraphApiException error) when (error.Code == 100)
        {
            throw new ProviderRejectedException("phoneNumberId", $"Meta cannot find phone number ID {phoneNumberId} for this token (error 100). Check the ID under WhatsApp → API Setup.");
        }
        catch (GraphApiException error) when (error.Code is 10 or (>= 200 and <= 299))
        {
            throw new ProviderRejectedException("accessToken", $"The token lacks a permission (error {error.Code}): give it whatsapp_business_messaging and whatsapp_business_management.");
        }
        catch (GraphApiException error)
        {
            throw new ProviderUnavailableException($"Meta could not check the number just now (error {error.Code}: {error.Message}). Nothing was saved; try again.", error);
        }
        catch (GraphUnavailableException error)
        {
            throw new ProviderUnavailableException(error.Message + " Nothing was saved; try again.", error);
        }
    }
}
