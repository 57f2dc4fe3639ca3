using Suppuo.Tests.Components;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Scale;

/// <summary>W23's read marks and unread count on PostgreSQL: the inbox's page lookup and the correlated last-message query.</summary>
[NeedsServices(TestService.Postgres)]
public sealed class UnreadNotificationOnPostgresTests(PostgresApp app) : UnreadNotificationTests(app), IClassFixture<PostgresApp>;
