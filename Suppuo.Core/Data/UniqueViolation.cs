using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Suppuo.Core.Data;

/// <summary>A write refused by a unique index, on either database: another writer stored the same thing first.</summary>
public static class UniqueViolation
{
    private const int SqliteConstraintUnique = 2067;

    /// <summary>Through EF (wrapped in its DbUpdateException) or straight from SQLite (the ingest writer's own statements).</summary>
    public static bool Caused(Exception error) => (error is DbUpdateException { InnerException: { } inner } ? inner : error) switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique,
        _ => false,
    };
}
