using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Suppuo.Core.Data;

/// <summary>
/// Which database an install runs on (docs/contract.md, "Configuration"): SQLite in the data directory by default, PostgreSQL when
/// ConnectionStrings:Postgres is set. Handlers see one SuppuoDbContext either way; only the migrations differ, because
/// EF keeps one migration set per provider (the PostgreSQL one lives in Suppuo.Core.Postgres).
/// </summary>
public static class SuppuoDatabase
{
    public const string PostgresMigrationsAssembly = "Suppuo.Core.Postgres";

    /// <summary>
    /// Pooled: every webhook, API call and circuit action opens a scope with a context, and reusing instances saves
    /// their construction on the ingest path (bench: ingest). The context holds no state of its own to leak between uses.
    /// </summary>
    public static IServiceCollection AddSuppuoDbContext(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        if (configuration.GetConnectionString("Postgres") is { Length: > 0 } postgres)
            return services.AddDbContextPool<SuppuoDbContext>(db => db.UseSuppuoPostgres(postgres));
        var sqlite = configuration.GetConnectionString("Suppuo") ?? SqliteSetup.DefaultConnectionString(dataDirectory);
        return services.AddDbContextPool<SuppuoDbContext>(db => db.UseSqlite(sqlite).AddInterceptors(new SqliteConnectionSetupInterceptor()));
    }

    public static DbContextOptionsBuilder UseSuppuoPostgres(this DbContextOptionsBuilder db, string connectionString) =>
        db.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));

    /// <summary>
    /// Applies pending migrations before the app serves anything. On PostgreSQL, EF holds a lock on its history table
    /// meanwhile, so nodes started together migrate once.
    /// </summary>
    public static Task MigrateAsync(SuppuoDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.IsSqlite() ? SqliteSetup.MigrateAsync(db, cancellationToken) : db.Database.MigrateAsync(cancellationToken);
}
