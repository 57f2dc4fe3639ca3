namespace Suppuo.Core.Common;

/// <summary>
/// Links a customer follows from what we send them (auto-reply, rating request, emails) and what the API and agents
/// hand on: the one place the status page's absolute address is made.
/// </summary>
public sealed class CustomerLinks(IPublicUrls urls)
{
    public string StatusPage(string statusToken) => urls.Absolute("/status/" + statusToken);
}
