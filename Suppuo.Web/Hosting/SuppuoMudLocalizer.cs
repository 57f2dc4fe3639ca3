using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Suppuo.Web.Hosting;

/// <summary>
/// W24: MudBlazor's own texts (pager, date picker, file upload, "Required", "Close") in the agent's language.
/// MudBlazor asks this for every language but English, which it carries itself; SuppuoMudLocalizer.id.resx holds
/// Indonesian for every key of MudBlazor's LanguageResource (a test holds the two key sets alike), and the English
/// SuppuoMudLocalizer.resx is MudBlazor's own, so a language we do not have falls back to it.
/// </summary>
public sealed class SuppuoMudLocalizer(IStringLocalizer<SuppuoMudLocalizer> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts[key];

    public override LocalizedString this[string key, params object[] arguments] => texts[key, arguments];
}
