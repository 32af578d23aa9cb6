import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Merges made before merging moved everything left a person's readings, outcomes, connections, Good
/// Neighbour requests, programme memberships, stories and consents on the merged-away record, where they
/// counted at council level but opened nowhere. This moves each such row to the record it was merged into
/// (following merges of merges), as a merge does now: one vision a person (the other's words added), one
/// membership a programme (the earlier joining date). Run once; a database with no such rows is unchanged.
struct RepairEarlierMerges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        let rows = try await sql.select().column("id").column("council_id").column("merged_into_id")
            .from("people").where(SQLColumn("merged_into_id"), .isNot, SQLLiteral.null).all()
        var keptOf: [UUID: UUID] = [:]
        var councilOf: [UUID: UUID] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            keptOf[id] = try row.decode(column: "merged_into_id", as: UUID.self)
            councilOf[id] = try row.decode(column: "council_id", as: UUID.self)
        }
        for (merged, council) in councilOf {
            var kept = keptOf[merged] ?? merged
            for _ in 0..<20 {
                guard let next = keptOf[kept] else { break }
                kept = next
            }
            guard kept != merged else { continue }
            let target = kept
            try await database.transaction { db in
                try await Self.move(from: merged, to: target, council: council, on: db)
            }
        }
    }

    // Not optimised: Swift 6.3.1's optimiser crashes on this function in a release build (CopyPropagation,
    // "Found ownership error"); a migration that runs once gains nothing from it.
    @_optimize(none)
    static func move(from: UUID, to: UUID, council: UUID, on db: any Database) async throws {
        let sql = try db.sql
        // One vision a person.
        // Only the columns there were then: `version` is added by the next migration.
        let visions = try await GoodLifeModel.query(on: db).filter(\.$councilID == council)
            .filter(\.$personID ~~ [from, to]).field(\.$id).field(\.$councilID).field(\.$personID)
            .field(\.$vision).field(\.$strengths).field(\.$giftsAndInterests).field(\.$whatMatters).all()
        if let other = visions.first(where: { $0.personID == from }) {
            if let kept = visions.first(where: { $0.personID == to }) {
                let joined = MergeLog.Vision.joined
                kept.vision = joined(kept.vision, other.vision)
                kept.strengths = joined(kept.strengths, other.strengths)
                kept.giftsAndInterests = joined(kept.giftsAndInterests, other.giftsAndInterests)
                kept.whatMatters = joined(kept.whatMatters, other.whatMatters)
                try await kept.save(on: db)
                try await other.delete(on: db)
            } else {
                other.personID = to
                try await other.save(on: db)
            }
        }
        // One membership a programme.
        let memberships = try await ProgrammeMemberModel.query(on: db).filter(\.$councilID == council)
            .filter(\.$personID ~~ [from, to]).all()
        for other in memberships where other.personID == from {
            if let kept = memberships.first(where: { $0.personID == to && $0.programmeID == other.programmeID }) {
                if other.joinedOn < kept.joinedOn {
                    kept.joinedOn = other.joinedOn
                    try await kept.save(on: db)
                }
                try await other.delete(on: db)
            } else {
                other.personID = to
                try await other.save(on: db)
            }
        }
        // Requests for help carry the person in their document too.
        for request in try await HelpRequestModel.query(on: db).filter(\.$councilID == council)
            .filter(\.$personID == from).all()
        {
            var document = try request.request()
            document.personID = .init(to)
            request.document = try GoodNeighbourStore.json(document)
            request.personID = to
            try await request.save(on: db)
        }
        for table in PersonTables.movedTables
        where !["good_lives", "programme_members", "help_requests"].contains(table) {
            try await sql.update(table).set("person_id", to: to)
                .where("council_id", .equal, council).where("person_id", .equal, from).run()
        }
    }

    func revert(on database: any Database) async throws {}
}
