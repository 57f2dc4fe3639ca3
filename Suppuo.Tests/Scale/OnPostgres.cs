using Suppuo.Tests.Delivery;
using Suppuo.Tests.Email;
using Suppuo.Tests.Support;
using Suppuo.Tests.Tickets;
using Suppuo.Tests.WhatsApp;
using Suppuo.Tests.Workspaces;

namespace Suppuo.Tests.Scale;

// The same rules, proven again on PostgreSQL (ConnectionStrings:Postgres): each class inherits every test of its SQLite
// original and runs it against a PostgresApp, a fresh database of its own. The original's SQLite fixture is still
// made for the inherited IClassFixture<SuppuoApp>, but its app never starts.

/// <summary>Exactly once, threading and one ticket for concurrent first messages, where requests write side by side.</summary>
[NeedsServices(TestService.Postgres)]
public sealed class TwilioInboundWebhookOnPostgresTests(PostgresApp app) : TwilioInboundWebhookTests(app), IClassFixture<PostgresApp>;

/// <summary>Batches, redeliveries and customers without a phone (W18).</summary>
[NeedsServices(TestService.Postgres)]
public sealed class CloudApiOnPostgresTests(PostgresApp app) : CloudApiTests(app), IClassFixture<PostgresApp>;

/// <summary>Media downloads after the 200, claimed with a lease on the row's due time.</summary>
[NeedsServices(TestService.Postgres)]
public sealed class TwilioInboundMediaOnPostgresTests(PostgresApp app) : TwilioInboundMediaTests(app), IClassFixture<PostgresApp>;

/// <summary>The outbox's leases and state machine, including workers racing for one row.</summary>
[NeedsServices(TestService.Postgres)]
public sealed class TwilioReplyDeliveryOnPostgresTests(PostgresApp app) : TwilioReplyDeliveryTests(app), IClassFixture<PostgresApp>;

/// <summary>The mail outbox, now leased per row.</summary>
[NeedsServices(TestService.Postgres)]
public sealed class PickupFolderEmailOnPostgresTests(PostgresApp app) : PickupFolderEmailTests(app), IClassFixture<PostgresApp>;

/// <summary>Search ignores case as on SQLite; paging and counts are the same.</summary>
[NeedsServices(TestService.Postgres)]
public sealed class SearchInboxOnPostgresTests(PostgresApp app) : SearchInboxTests(app), IClassFixture<PostgresApp>;

/// <summary>The last-admin rule, which on PostgreSQL takes a row lock instead of SQLite's write lock.</summary>
[NeedsServices(TestService.Postgres)]
public sealed class AgentsOnPostgresTests(PostgresApp app) : AgentsTests(app), IClassFixture<PostgresApp>;

/// <summary>Sign-up modes (W26); several first visitors at once, where PostgreSQL's writers run side by side.</summary>
[NeedsServices(TestService.Postgres)]
public sealed class SignupOnPostgresTests : SignupTests
{
    protected override SuppuoApp NewApp() => new PostgresApp();
}

/// <summary>Invitations (W26), kept in Identity's user-token table.</summary>
[NeedsServices(TestService.Postgres)]
public sealed class InvitationsOnPostgresTests(PostgresApp app) : InvitationTests(app), IClassFixture<PostgresApp>;

/// <summary>W22: kinds, reactions and quotes, where ingest goes through EF and quotes are looked up per batch.</summary>
[NeedsServices(TestService.Postgres)]
public sealed class MessageKindOnPostgresTests(PostgresApp app) : MessageKindTests(app), IClassFixture<PostgresApp>;
