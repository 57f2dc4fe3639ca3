namespace Suppuo.Tests.Support;

[Flags]
public enum TestService { Postgres = 1, Redis = 2 }

/// <summary>
/// The PostgreSQL and Redis that the scale-out tests use, as `eval "$(scripts/test-services)"` exports them. On a
/// developer machine without them those tests are skipped, saying why; in CI (CI=true) they are never skipped, and a
/// missing service fails them.
/// </summary>
public static class TestServices
{
    public const string PostgresVariable = "SUPPUO_TEST_POSTGRES";
    public const string RedisVariable = "SUPPUO_TEST_REDIS";

    /// <summary>A connection string to a server where the tests may create and drop databases.</summary>
    public static string Postgres => Required(PostgresVariable);

    public static string Redis => Required(RedisVariable);

    /// <summary>Why tests that need <paramref name="services"/> are skipped here, or null when they run.</summary>
    public static string? SkipReason(TestService services)
    {
        if (Environment.GetEnvironmentVariable("CI") == "true")
            return null;
        var missing = new[] { (TestService.Postgres, PostgresVariable), (TestService.Redis, RedisVariable) }
            .Where(s => services.HasFlag(s.Item1) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(s.Item2)))
            .Select(s => s.Item2).ToList();
        return missing.Count == 0 ? null
            : $"{string.Join(" and ", missing)} not set: run `eval \"$(scripts/test-services)\"` first; CI starts them and runs this test.";
    }

    private static string Required(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{variable} is not set: run `eval \"$(scripts/test-services)\"` (as .ci/run does) before the tests.");
}

/// <summary>Every test of this class needs these services: see <see cref="TestServices"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NeedsServicesAttribute(TestService services) : Attribute
{
    public TestService Services { get; } = services;
}
