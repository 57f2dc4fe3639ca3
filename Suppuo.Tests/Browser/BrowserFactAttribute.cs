namespace Suppuo.Tests.Browser;

/// <summary>
/// A browser test: runs in Debian's Chromium. Skipped, saying why, on a developer machine without it; in CI
/// (CI=true) a missing browser is not a reason to skip, and the test fails when it cannot launch.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium); CI installs it and runs this test.";
    }
}
