using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Suppuo.Web.Hosting;

/// <summary>
/// W24: MudBlazor's own texts (pager, date picker, file upload, "Required", "Close") in the agent's language.
/// MudBlazor carries English itself and asks this for the agent's language; SuppuoMudLocalizer.id.resx holds
/// Indonesian for every key of MudBlazor's LanguageResource (a test holds the two key sets alike), and the English
/// SuppuoMudLocalizer.resx is MudBlazor's own texts, the fallback for a key we lack.
/// </summary>
public sealed class SuppuoMudLocalizer(IStringLocalizer<SuppuoMudLocalizer> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts[key];

    public override LocalizedString this[string key, params object[] arguments] => texts[key, arguments];
}
