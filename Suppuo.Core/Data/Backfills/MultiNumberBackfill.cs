namespace Suppuo.Core.Data.Backfills;

/// <summary>
/// W19's data step, for installs from before numbers were records: run once by the migration that adds them (its Up
/// calls <c>migrationBuilder.Sql(MultiNumberBackfill.Sql)</c>), after the schema change. Provider-neutral SQL — quoted
/// identifiers, <c>||</c>, <c>TRUE</c>, <c>SUBSTR</c> read the same on SQLite and PostgreSQL — because only SQL can
/// move existing rows inside a migration.
/// </summary>
public static class MultiNumberBackfill
{
    public const string Sql = """
        -- Every connected number becomes a record of its workspace: its E.164, or cloud:<phone number ID> without one.
        INSERT INTO "BusinessNumbers" ("WorkspaceId", "Key", "CreatedAt")
        SELECT "WorkspaceId", COALESCE("PhoneNumber", 'cloud:' || "PhoneNumberId"), MIN("ConnectedAt")
        FROM "WhatsAppConnections"
        GROUP BY "WorkspaceId", COALESCE("PhoneNumber", 'cloud:' || "PhoneNumberId");

        -- Each connection carries its number, labelled with its display number.
        UPDATE "WhatsAppConnections" SET
            "BusinessNumberId" = (SELECT n."Id" FROM "BusinessNumbers" AS n
                WHERE n."WorkspaceId" = "WhatsAppConnections"."WorkspaceId"
                  AND n."Key" = COALESCE("WhatsAppConnections"."PhoneNumber", 'cloud:' || "WhatsAppConnections"."PhoneNumberId")),
            "Label" = SUBSTR(COALESCE("PhoneNumber", "PhoneNumberId", ''), 1, 60);

        -- A number connected through both providers is carried by the most recently connected (the beta's rule, kept by W19).
        UPDATE "BusinessNumbers" SET "ConnectionId" = (SELECT c."Id" FROM "WhatsAppConnections" AS c
            WHERE c."BusinessNumberId" = "BusinessNumbers"."Id" ORDER BY c."ConnectedAt" DESC, c."Id" DESC LIMIT 1);

        -- The default: the beta replied through the most recently connected number, so that one stays the default.
        UPDATE "WhatsAppConnections" SET "IsDefault" = TRUE
        WHERE NOT EXISTS (SELECT 1 FROM "WhatsAppConnections" AS later
            WHERE later."WorkspaceId" = "WhatsAppConnections"."WorkspaceId"
              AND (later."ConnectedAt" > "WhatsAppConnections"."ConnectedAt"
                   OR (later."ConnectedAt" = "WhatsAppConnections"."ConnectedAt" AND later."Id" > "WhatsAppConnections"."Id")));

        -- A WhatsApp ticket takes the number its first message came through; without one that still exists (API-made,
        -- or its connection deleted by the beta's disconnect), its workspace's default.
        UPDATE "Tickets" SET "BusinessNumberId" = COALESCE(
            (SELECT c."BusinessNumberId" FROM "Messages" AS m INNER JOIN "WhatsAppConnections" AS c ON c."Id" = m."ConnectionId"
                WHERE m."TicketId" = "Tickets"."Id" ORDER BY m."Id" LIMIT 1),
            (SELECT c."BusinessNumberId" FROM "WhatsAppConnections" AS c
                WHERE c."WorkspaceId" = "Tickets"."WorkspaceId" AND c."IsDefault" = TRUE LIMIT 1))
        WHERE "Channel" = 'WhatsApp';

        -- Conversation rows are locks, now per number: the per-workspace ones would never be taken again. Ingest makes
        -- each anew on the customer's next message.
        DELETE FROM "Conversations" WHERE "BusinessNumberId" = 0;
        """;
}
