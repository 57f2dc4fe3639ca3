namespace Suppuo.Core.Common;

/// <summary>Absolute URLs under Suppuo:PublicBaseUrl, as customers and providers must see them.</summary>
public interface IPublicUrls
{
    string Absolute(string path);
}
