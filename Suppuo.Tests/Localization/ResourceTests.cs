using System.Globalization;
using System.Resources;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;
using Suppuo.Web.Hosting;

namespace Suppuo.Tests.Localization;

/// <summary>W24: every text the agent UI has in English, it has in Bahasa Indonesia, and the app finds both.</summary>
public class ResourceTests
{
    private static readonly string Web = Path.Combine(Sources.Root, "Suppuo.Web");

    public static TheoryData<string> EnglishResources() => new(Resources());

    private static IEnumerable<string> Resources() =>
        Directory.EnumerateFiles(Web, "*.resx", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f) && !IsTranslation(f)).Order().Select(f => Path.GetRelativePath(Web, f));

    [Theory]
    [MemberData(nameof(EnglishResources))]
    public void W24_every_english_text_has_an_indonesian_one_and_nothing_else(string resource)
    {
        var english = Read(Path.Combine(Web, resource));
        var indonesianFile = Path.Combine(Web, Path.ChangeExtension(resource, ".id.resx"));
        Assert.True(File.Exists(indonesianFile), $"{resource} has no .id.resx beside it.");
        var indonesian = Read(indonesianFile);

        var emptyEnglish = english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ToList();
        var untranslated = english.Keys.Where(k => !indonesian.TryGetValue(k, out var value) || string.IsNullOrWhiteSpace(value)).ToList();
        var orphans = indonesian.Keys.Except(english.Keys).ToList(); // its English was renamed or removed
        Assert.Empty(emptyEnglish);
        Assert.Empty(untranslated);
        Assert.Empty(orphans);
    }

    [Fact]
    public void W24_no_indonesian_resource_without_its_english_one()
    {
        var orphans = Directory.EnumerateFiles(Web, "*.id.resx", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f) && !File.Exists(f[..^".id.resx".Length] + ".resx")).ToList();
        Assert.Empty(orphans);
    }

    [Fact]
    public void W24_a_component_finds_its_resources_in_both_languages()
    {
        // A resx beside X.razor is embedded under X's full name only if the folder and the namespace agree: check
        // every one through the localizer the components use, in both languages.
        using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        var factory = services.GetRequiredService<IStringLocalizerFactory>();
        var assembly = typeof(SuppuoMudLocalizer).Assembly;
        foreach (var resource in Resources())
        {
            var typeName = "Suppuo.Web." + Path.ChangeExtension(resource, null).Replace(Path.DirectorySeparatorChar, '.');
            var type = assembly.GetType(typeName);
            Assert.True(type is not null, $"{resource}: no type {typeName} for IStringLocalizer<T> to find it by.");
            var localizer = factory.Create(type);
            var english = Read(Path.Combine(Web, resource));
            var indonesian = Read(Path.Combine(Web, Path.ChangeExtension(resource, ".id.resx")));
            var (key, value) = english.First();
            Assert.Equal(value, In("en", () => localizer[key].Value));
            Assert.Equal(indonesian[key], In("id", () => localizer[key].Value));
        }
    }

    [Fact]
    public void W24_mudblazor_texts_have_indonesian_for_every_key_mudblazor_has()
    {
        var mudBlazor = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudLocalizer).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
        var ours = Read(Path.Combine(Web, "Hosting", "SuppuoMudLocalizer.id.resx"));
        var untranslated = mudBlazor.Except(ours.Keys).ToList(); // a MudBlazor upgrade added texts: translate them
        Assert.Empty(untranslated);
    }

    [Fact]
    public void W24_mudblazor_speaks_indonesian_through_the_registered_localizer()
    {
        using var services = new ServiceCollection().AddLogging().AddMudServices().AddSuppuoLocalization().BuildServiceProvider();
        var localizer = services.GetRequiredService<ILocalizationInterceptor>();
        Assert.Equal("Halaman berikutnya", In("id", () => localizer.Handle("MudDataGridPager_NextPage").Value));
        Assert.Equal("Next page", In("en", () => localizer.Handle("MudDataGridPager_NextPage").Value));
    }

    internal static T In<T>(string culture, Func<T> read)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static bool IsTranslation(string file) => Path.GetFileName(file).Count(c => c == '.') > 1;

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}");
}
