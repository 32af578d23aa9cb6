import FluentKit
import SQLKit

struct CreateOutcome: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("outcomes")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("kind", .string, .required)
            .field("happened_on", .string, .required)
            .field("otherwise", .string, .required)
            .field("confidence", .string, .required)
            .field("recorded_by_id", .uuid, .references("staff", "id"))
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "measures_person").on("measures").column("council_id").column("person_id").run()
        try await sql.create(index: "outcomes_person").on("outcomes").column("council_id").column("person_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outcomes").delete()
    }
}
