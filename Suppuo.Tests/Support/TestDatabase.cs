using Npgsql;

namespace Suppuo.Tests.Support;

/// <summary>A fresh PostgreSQL database of its own on the test server, dropped with everything in it on dispose.</summary>
public sealed class TestDatabase : IDisposable
{
    public string ConnectionString { get; }
    private readonly string _name = "suppuo_test_" + Guid.NewGuid().ToString("N");

    public TestDatabase()
    {
        Execute($"CREATE DATABASE {_name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(TestServices.Postgres) { Database = _name }.ConnectionString;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestServices.Postgres) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// The real app as <see cref="SuppuoApp"/> runs it, on a fresh PostgreSQL database instead of SQLite: for test classes
/// that prove the same rules on both (see Scale/OnPostgres.cs). The database is made when the app first starts, so a
/// skipped class needs no server.
/// </summary>
public sealed class PostgresApp : SuppuoApp
{
    private TestDatabase? _database;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        _database ??= new TestDatabase();
        WithSetting("ConnectionStrings:Postgres", _database.ConnectionString);
        base.ConfigureWebHost(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _database?.Dispose();
    }
}
