namespace Suppuo.Tests.Localization;

/// <summary>The repository's files, for tests that read the sources themselves (resources, Razor markup).</summary>
internal static class Sources
{
    public static string Root { get; } = FindRoot();

    public static string Components => Path.Combine(Root, "Suppuo.Web", "Components");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Suppuo.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Suppuo.sln not found above " + AppContext.BaseDirectory);
    }
}
