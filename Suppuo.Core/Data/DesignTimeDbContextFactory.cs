using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Suppuo.Core.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SuppuoDbContext>
{
    public SuppuoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SuppuoDbContext>().UseSqlite("Data Source=design.db").Options);
}
