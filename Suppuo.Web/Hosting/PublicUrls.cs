using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Suppuo.Core;
using Suppuo.Core.Common;

namespace Suppuo.Web.Hosting;

/// <summary>Suppuo:PublicBaseUrl, or the app's first listening address when it is not set (docs/contract.md, "Configuration").</summary>
internal sealed class PublicUrls(IOptions<SuppuoOptions> options, IServer server) : IPublicUrls
{
    private string? _base;

    public string Absolute(string path) => BaseUrl + path;

    private string BaseUrl => _base ?? Resolve();

    private string Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
            return _base = options.Value.PublicBaseUrl.TrimEnd('/');
        // Remembered only once the server listens: before that it has no address yet.
        var first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (first is null)
            return "http://localhost";
        return _base = first.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost").TrimEnd('/');
    }
}
