using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Suppuo.Core.Data;

namespace Suppuo.Core.Postgres;

/// <summary>
/// Lets `dotnet ef migrations add` (scripts/add-migration) build the PostgreSQL model of SuppuoDbContext; no server is
/// contacted to add a migration.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SuppuoDbContext>
{
    public SuppuoDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SuppuoDbContext>();
        options.UseSuppuoPostgres("Host=localhost;Database=suppuo_design");
        return new SuppuoDbContext(options.Options);
    }
}
