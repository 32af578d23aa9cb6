import FluentKit
import FluentSQL
import SQLKit

/// Corrections with their history: a version on people and conversations (so a form opened on one
/// version cannot silently overwrite a later one), conversations struck out with a reason instead of
/// deleted, and the log of every correction (who changed what, when, from what to what, and why).
struct AddCorrections: AsyncMigration {
    /// The tables of entries on a person's record that can be corrected or struck out.
    static let entryTables = [
        "conversations", "steps", "people_in_life", "measures", "outcomes", "connections", "contributions",
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("people").field("version", .int, .required, .sql(.default(0))).update()
        for table in Self.entryTables {
            try await database.schema(table).field("version", .int, .required, .sql(.default(0))).update()
            try await database.schema(table).field("struck_at", .datetime).update()
            try await database.schema(table).field("struck_reason", .string).update()
            try await database.schema(table).field("struck_by_id", .uuid).update()
        }
        try await database.schema("corrections")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("entry", .string, .required)
            .field("entry_id", .uuid, .required)
            .field("changes", .string, .required)
            .field("reason", .string, .required)
            .field("struck", .bool, .required)
            .field("version", .int, .required)
            .field("by_id", .uuid, .references("staff", "id"))
            .field("at", .datetime, .required)
            .create()
        try await (database as? any SQLDatabase)?.create(index: "corrections_person").on("corrections")
            .column("council_id").column("person_id").column("at").run()
        // The period's conversations are read from this index alone (the Network's people supported): it
        // holds only conversations that are not struck out, so leaving them out costs no look into the table.
        let sql = try database.sql
        try await sql.drop(index: "conversations_council_day").run()
        try await sql.raw(
            "CREATE INDEX conversations_council_day ON conversations (council_id, happened_on, person_id) WHERE struck_at IS NULL"
        ).run()
        // Wellbeing pairs readings from this index alone; a struck-out reading is left out of it.
        try await sql.drop(index: "measures_pairing").run()
        try await sql.raw(
            """
            CREATE INDEX measures_pairing ON measures \
            (council_id, kind, person_id, taken_on, created_at, id, score_hundredths, declined) WHERE struck_at IS NULL
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "measures_pairing").run()
        try await AddMeasurePairingIndex().prepare(on: database)
        try await AddPeriodIndexes.replace(
            "conversations_council_day", on: "conversations", with: ["council_id", "happened_on", "person_id"],
            database)
        try await database.schema("corrections").delete()
        for table in Self.entryTables {
            for field in ["struck_by_id", "struck_reason", "struck_at", "version"] {
                try await database.schema(table).deleteField(.string(field)).update()
            }
        }
        try await database.schema("people").deleteField("version").update()
    }
}
