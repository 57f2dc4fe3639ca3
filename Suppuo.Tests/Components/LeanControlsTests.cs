using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Suppuo.Web.Components.Inbox.Lean;

namespace Suppuo.Tests.Components;

/// <summary>
/// The inbox's plain-markup copies of MudBlazor's controls (Components/Inbox/Lean) against the real ones drawn with
/// the same parameters: an upgrade of MudBlazor that changes the classes of one of them fails here instead of
/// quietly changing how the inbox looks.
/// </summary>
public class LeanControlsTests : MudComponentTest
{
    private const string Placeholder = "Search subject, name, phone, email";

    [Theory]
    [InlineData(Typo.h5, "mr-auto")]
    [InlineData(Typo.body1, null)]
    [InlineData(Typo.caption, "mt-2 d-block keyboard-hint")]
    public void LeanText_has_MudTexts_classes(Typo typo, string? @class)
    {
        var mud = Bunit.Render<MudText>(p => p.Add(x => x.Typo, typo).Add(x => x.Class, @class).AddChildContent("Inbox"));
        AssertSameClasses(Root(mud), ClassesOf(LeanText.Classes(typo, @class)));
    }

    [Fact]
    public void LeanPaper_has_MudPapers_classes()
    {
        var mud = Bunit.Render<MudPaper>(p => p.Add(x => x.Elevation, 1).Add(x => x.Class, "inbox-list"));
        AssertSameClasses(Root(mud), ClassesOf(LeanPaper.Classes(elevation: 1, "inbox-list")));
    }

    [Theory]
    [InlineData(Color.Inherit, "Email")]
    [InlineData(Color.Default, null)]
    [InlineData(Color.Primary, null)]
    public void LeanIcon_has_MudIcons_classes_and_title(Color color, string? title)
    {
        var mud = Bunit.Render<MudIcon>(p => p.Add(x => x.Icon, Icons.Material.Filled.Email).Add(x => x.Size, Size.Medium).Add(x => x.Color, color)
            .Add(x => x.Class, "channel-icon").Add(x => x.Title, title));
        var lean = Bunit.Render(Markup(LeanIcon.Markup(Icons.Material.Filled.Email, Size.Medium, color, "channel-icon", title)));
        AssertSameClasses(Root(mud), Root(lean));
        Assert.Equal(Root(mud).GetAttribute("aria-hidden"), Root(lean).GetAttribute("aria-hidden"));
        Assert.Equal(mud.FindAll("title").Select(t => t.TextContent), lean.FindAll("title").Select(t => t.TextContent));
    }

    [Fact]
    public void LeanChip_has_MudChips_classes()
    {
        var mud = Bunit.Render<MudChip<string>>(p => p.Add(x => x.Size, Size.Small).Add(x => x.Color, Color.Warning).Add(x => x.Class, "status-chip").AddChildContent("open"));
        var lean = Bunit.Render(Markup(LeanChip.Markup("open", Color.Warning, Size.Small, @class: "status-chip")));
        AssertSameClasses(mud.Find(".mud-chip"), Root(lean));
        AssertSameClasses(mud.Find(".mud-chip-content"), lean.Find(".mud-chip-content"));
        Assert.Equal(mud.Find(".mud-chip").TextContent, Root(lean).TextContent);
    }

    [Fact]
    public void LeanChip_with_an_icon_has_MudChips_classes()
    {
        var mud = Bunit.Render<MudChip<string>>(p => p.Add(x => x.Size, Size.Small).Add(x => x.Icon, Icons.Material.Filled.Star).AddChildContent("CSAT 4.5 / 5 (2)"));
        var lean = Bunit.Render(Markup(LeanChip.Markup("CSAT 4.5 / 5 (2)", Color.Default, Size.Small, Icons.Material.Filled.Star, attributes: [("data-testid", "csat")])));
        AssertSameClasses(mud.Find(".mud-chip"), Root(lean));
        AssertSameClasses(mud.Find(".mud-chip svg"), lean.Find("svg"));
        AssertSameClasses(mud.Find(".mud-chip-content"), lean.Find(".mud-chip-content"));
        Assert.Equal("csat", Root(lean).GetAttribute("data-testid"));
    }

    [Fact]
    public void LeanSearchField_has_MudTextFields_classes_and_reports_each_key()
    {
        var mud = Bunit.Render<MudTextField<string>>(p => p.Add(x => x.Variant, Variant.Outlined).Add(x => x.Margin, Margin.Dense)
            .Add(x => x.Adornment, Adornment.Start).Add(x => x.AdornmentIcon, Icons.Material.Filled.Search).Add(x => x.Placeholder, Placeholder)
            .Add(x => x.Class, "inbox-search"));
        string? typed = null;
        var input = EventCallback.Factory.Create<ChangeEventArgs>(this, e => typed = e.Value as string);
        var lean = Bunit.Render(LeanSearchField.Render("inbox-search", Placeholder, Icons.Material.Filled.Search, input, "inbox-search"));

        foreach (var part in (string[])[".mud-input-control", ".mud-input-control-input-container", ".mud-input", ".mud-input-adornment", ".mud-input-adornment svg", "input", "fieldset"])
            AssertSameClasses(mud.Find(part), lean.Find(part));
        Assert.Equal(mud.Find("input").GetAttribute("placeholder"), lean.Find("input").GetAttribute("placeholder"));

        lean.Find("input").Input("rusak");
        Assert.Equal("rusak", typed);
    }

    [Fact]
    public void LeanSelect_has_MudSelects_classes_and_reports_the_choice()
    {
        var mud = Bunit.Render<MudSelect<string>>(p => p.Add(x => x.Variant, Variant.Outlined).Add(x => x.Margin, Margin.Dense).Add(x => x.Label, "Channel")
            .Add(x => x.Value, "Email").Add(x => x.Class, "inbox-filter"));
        string? chosen = null;
        var changed = EventCallback.Factory.Create<ChangeEventArgs>(this, e => chosen = e.Value as string);
        var lean = Bunit.Render(LeanSelect.Render("channel-filter", "Channel", "Email", [("", "All channels"), ("Email", "Email")], changed, "inbox-filter"));

        // What MudSelect has for its dropdown, which the native select does without: its popover, and the arrow as an
        // end adornment (the native select draws its own, .native-select in app.css).
        string[] dropdown = ["mud-select", "mud-select-input", "mud-input-adorned-end", "mud-input-root-adorned-end"];
        AssertSameClasses(mud.Find(".mud-input-control"), lean.Find(".mud-input-control"), mudOnly: dropdown);
        AssertSameClasses(mud.Find(".mud-input-control-input-container"), lean.Find(".mud-input-control-input-container"));
        AssertSameClasses(mud.Find(".mud-input"), lean.Find(".mud-input"), mudOnly: dropdown);
        AssertSameClasses(mud.Find("input.mud-input-slot"), lean.Find("select"), mudOnly: dropdown, leanOnly: ["native-select"]);
        AssertSameClasses(mud.Find("fieldset"), lean.Find("fieldset"));
        Assert.Equal(mud.Find("legend").TextContent, lean.Find("legend").TextContent);
        AssertSameClasses(mud.Find("label"), lean.Find("label"));

        lean.Find("select").Change("");
        Assert.Equal("", chosen);
    }

    [Fact]
    public void LeanButton_has_MudButtons_classes_and_reports_the_click()
    {
        var mud = Bunit.Render<MudButton>(p => p.AddChildContent("Load more"));
        var clicks = 0;
        var lean = Bunit.Render(LeanButton.Render("Load more", EventCallback.Factory.Create<MouseEventArgs>(this, () => clicks++), testId: "load-more"));

        AssertSameClasses(mud.Find("button"), lean.Find("button"));
        AssertSameClasses(mud.Find(".mud-button-label"), lean.Find(".mud-button-label"));
        lean.Find("button").Click();
        Assert.Equal(1, clicks);
    }

    private static RenderFragment Markup(MarkupString markup) => builder => builder.AddContent(0, markup);

    private static IElement Root<T>(IRenderedComponent<T> rendered) where T : IComponent => rendered.Nodes.OfType<IElement>().Single();

    private static string[] ClassesOf(string classAttribute) => classAttribute.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static void AssertSameClasses(IElement mud, IElement lean, string[]? mudOnly = null, string[]? leanOnly = null) =>
        AssertSameClasses(mud, lean.ClassList.ToArray(), mudOnly, leanOnly);

    /// <param name="mudOnly">Classes MudBlazor's element may have that the copy leaves out on purpose.</param>
    /// <param name="leanOnly">The copy's own classes beside MudBlazor's; they must be there.</param>
    private static void AssertSameClasses(IElement mud, string[] lean, string[]? mudOnly = null, string[]? leanOnly = null)
    {
        var mudClasses = mud.ClassList.ToArray();
        Assert.Equal(mudClasses.Except(mudOnly ?? []).Order(), lean.Except(leanOnly ?? []).Order());
        Assert.Equal(leanOnly ?? [], (leanOnly ?? []).Intersect(lean));
    }
}
