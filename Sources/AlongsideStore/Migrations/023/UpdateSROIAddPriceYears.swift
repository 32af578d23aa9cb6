import AlongsideCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// Price years for SROI (issue 26): each of a council's own proxy values carries its price year in a column
/// of its own (`proxies.price_year`), filled for existing rows from the year their definition holds, else the
/// starter set's year for their kind, else 2019; a saved report keeps what it rests on (`sroi_reports.basis`,
/// JSON: period, investment and its source, price year, counts, wellbeing change, conversions); and a council
/// may keep its own GDP deflator table (`deflator_sets`, one a council, versioned).
struct UpdateSROIAddPriceYears: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("proxies").field("price_year", .int, .required, .sql(.default(2019))).update()
        try await database.schema("sroi_reports").field("basis", .string).update()
        try await database.schema("deflator_sets")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("source", .string, .required)
            .field("published", .string, .required)
            .field("indexes", .string, .required)
            .field("version", .int, .required, .sql(.default(0)))
            .field("updated_at", .datetime, .required)
            .unique(on: "council_id")
            .create()
        let sql = try database.sql
        try await sql.create(index: "deflator_sets_council").on("deflator_sets").column("council_id").run()
        // Existing proxies: the year their definition holds, when it is a plausible one.
        let starter = Dictionary(
            ProxyLibrary.starterYears.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: { first, _ in first })
        try await database.transaction { db in
            let sql = try db.sql
            for row in try await sql.select().column("id").column("kind").column("definition").from("proxies").all() {
                let id = try row.decode(column: "id", as: UUID.self)
                let kind = try row.decode(column: "kind", as: String.self)
                let definition = try row.decode(column: "definition", as: String.self)
                struct Held: Decodable { let priceYear: Int? }
                let held = (try? JSONDecoder().decode(Held.self, from: Data(definition.utf8)))?.priceYear
                let year = held.flatMap { DeflatorTable.years.contains($0) ? $0 : nil } ?? starter[kind] ?? 2019
                try await sql.update("proxies").set("price_year", to: year).where("id", .equal, id).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("deflator_sets").delete()
        try await database.schema("sroi_reports").deleteField("basis").update()
        try await database.schema("proxies").deleteField("price_year").update()
    }
}
