using Microsoft.AspNetCore.Components;

namespace Suppuo.Web.Components.Account;

/// <summary>Redirects after a static form post, only ever within this site.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigation)
{
    public void RedirectTo(string? uri)
    {
        uri ??= "";
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative) || uri.StartsWith("//", StringComparison.Ordinal) || uri.StartsWith("/\\", StringComparison.Ordinal))
            uri = ""; // only ever within this site: anything else goes to the inbox
        navigation.NavigateTo(uri);
    }
}
