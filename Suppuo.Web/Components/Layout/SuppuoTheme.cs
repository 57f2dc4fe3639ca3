using MudBlazor;

namespace Suppuo.Web.Components.Layout;

internal static class SuppuoTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#128C7E", Secondary = "#25D366", AppbarBackground = "#075E54" },
        PaletteDark = new PaletteDark { Primary = "#25D366", Secondary = "#128C7E", AppbarBackground = "#1f2c34" },
    };
}
