import AlongsideCore
import FluentKit
import Foundation
import SQLKit

extension PeopleStore {
    /// The columns a list shows, read with SQLKit rather than whole Fluent models: a caseload of
    /// hundreds costs one narrow query and no model hydration.
    static let summaryColumns = [
        "id", "full_name", "preferred_name", "stage", "level", "ward_id", "coordinator_id", "created_at",
        "last_contact_at", "next_step_due", "erased_at",
    ]

    /// Everyone a coordinator walks alongside now (or, with `includeEnded`, ever did), by name.
    public func caseload(of coordinatorID: StaffMember.ID, includeEnded: Bool = false) async throws
        -> [PersonSummary]
    {
        try await caseloadQuery(of: coordinatorID, includeEnded: includeEnded).all().map(Self.summary)
    }

    /// The caseload's one statement, read in the order of the `people_caseload` index.
    func caseloadQuery(of coordinatorID: StaffMember.ID, includeEnded: Bool) throws -> SQLSelectBuilder {
        var query = try summaries().where("coordinator_id", .equal, coordinatorID.uuid)
        if !includeEnded { query = query.where("stage", .notEqual, JourneyStage.ended.rawValue) }
        return query.orderBy("full_name")
    }

    /// How a caseload is sorted.
    public enum CaseloadSort: String, Sendable, CaseIterable {
        /// By name (accents and case set aside), the same order on every database.
        case name
        /// Never contacted first (the longest waiting first), then the longest since contact.
        case lastContact = "last-contact"
        /// The soonest next step first; people with none last.
        case nextStep = "next-step"
    }

    /// What a caseload page asks for: the people on the coordinator's caseload at `stage` (ended only when
    /// asked for by stage), only those not seen since `notSeenBefore` when `onlyNotSeen`.
    public struct CaseloadQuery: Sendable {
        public var stage: JourneyStage?
        public var onlyNotSeen: Bool
        public var notSeenBefore: Date
        public var sort: CaseloadSort

        public init(stage: JourneyStage?, onlyNotSeen: Bool, notSeenBefore: Date, sort: CaseloadSort) {
            self.stage = stage
            self.onlyNotSeen = onlyNotSeen
            self.notSeenBefore = notSeenBefore
            self.sort = sort
        }
    }

    /// One page of a caseload, with how many there are in all and how many of them are not seen lately.
    public struct CaseloadRead: Sendable {
        public let people: [PersonSummary]
        public let total: Int
        public let notSeenTotal: Int
        /// The page shown (the last one when a later one was asked for).
        public let page: Int
        public let pages: Int
    }

    /// A caseload filtered, counted, sorted and cut to one page in SQL alone, so the same people are on the
    /// same page on SQLite and PostgreSQL (which sort an empty date and text at opposite ends and by their
    /// own collations).
    public func caseloadPage(of coordinatorID: StaffMember.ID, _ asked: CaseloadQuery, page: Int, per: Int)
        async throws -> CaseloadRead
    {
        let lastSeen: SQLQueryString = "COALESCE(last_contact_at, created_at)"
        let notSeen: SQLQueryString =
            "(stage <> \(bind: JourneyStage.ended.rawValue) AND level = \(bind: SupportLevel.two.rawValue) AND \(lastSeen) < \(bind: asked.notSeenBefore))"
        func filtered(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query.where("coordinator_id", .equal, coordinatorID.uuid)
            if let stage = asked.stage {
                query = query.where("stage", .equal, stage.rawValue)
            } else {
                query = query.where("stage", .notEqual, JourneyStage.ended.rawValue)
            }
            return asked.onlyNotSeen ? query.where(notSeen) : query
        }
        let counted = try await filtered(
            try select([
                SQLQueryString("COUNT(*) AS n"),
                SQLQueryString("CAST(SUM(CASE WHEN \(notSeen) THEN 1 ELSE 0 END) AS BIGINT) AS s"),
            ])
        ).first()
        let total = try counted?.decode(column: "n", as: Int.self) ?? 0
        let notSeenTotal = try counted?.decode(column: "s", as: Int?.self) ?? 0
        let per = max(1, per)
        let pages = max(1, (total + per - 1) / per)
        let shown = min(max(1, page), pages)
        var query = filtered(try summaries())
        // Names compared by their folded key (letters only), then as written, byte by byte: PostgreSQL's own
        // collation would order them otherwise.
        let bytes: SQLQueryString = try database.sql.dialect.name == "postgresql" ? " COLLATE \"C\"" : ""
        switch asked.sort {
        case .name: break
        case .lastContact:
            query = query.orderBy(SQLQueryString("CASE WHEN last_contact_at IS NULL THEN 0 ELSE 1 END"))
                .orderBy(lastSeen)
        case .nextStep:
            query = query.orderBy(SQLQueryString("CASE WHEN next_step_due IS NULL THEN 1 ELSE 0 END"))
                .orderBy("next_step_due")
        }
        let people = try await query.orderBy(SQLQueryString("name_key\(bytes)"))
            .orderBy(SQLQueryString("full_name\(bytes)")).orderBy("id")
            .limit(per).offset((shown - 1) * per).all().map(Self.summary)
        return CaseloadRead(people: people, total: total, notSeenTotal: notSeenTotal, page: shown, pages: pages)
    }

    /// This council's people (not merged away): `columns` of them, for SQLKit reads.
    func select(_ columns: [any SQLExpression]) throws -> SQLSelectBuilder {
        try database.sql.select().columns(columns).from(PersonModel.schema)
            .where("council_id", .equal, councilID.uuid).where(SQLColumn("merged_into_id"), .is, SQLLiteral.null)
    }

    /// This council's people, as summaries.
    func summaries() throws -> SQLSelectBuilder { try select(Self.summaryColumns.map { SQLColumn($0) }) }

    static func summary(_ row: any SQLRow) throws -> PersonSummary {
        PersonSummary(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            fullName: try row.decode(column: "full_name", as: String.self),
            preferredName: try row.decode(column: "preferred_name", as: String.self),
            stage: JourneyStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .introduced,
            level: SupportLevel(rawValue: try row.decode(column: "level", as: Int.self)) ?? .two,
            wardID: try row.decode(column: "ward_id", as: UUID?.self).map { .init($0) },
            coordinatorID: try row.decode(column: "coordinator_id", as: UUID?.self).map { .init($0) },
            createdAt: try row.decode(column: "created_at", as: Date.self),
            lastContactAt: try row.decode(column: "last_contact_at", as: Date?.self),
            nextStepDue: try row.decode(column: "next_step_due", as: String?.self),
            erased: try row.decode(column: "erased_at", as: Date?.self) != nil)
    }
}

extension PeopleStore {
    /// This council's people, as whole records (`PersonRow`).
    func records() throws -> SQLSelectBuilder { try select(PersonRow.columns.map { SQLColumn($0) }) }
}

extension PeopleStore {
    /// The person introduced under a public page's reference: the first eight hexadecimal digits of the
    /// introduction's id, as the thank-you page gives it ("3F9A12C0", any case). Read as a range of ids, so the
    /// primary key finds it on both databases (SQLite keeps ids as upper-case text, PostgreSQL as uuid, both
    /// ordered the same way). Nil for anything that is not eight hexadecimal digits, or matches nothing.
    public func personIntroduced(reference text: String) async throws -> Person.ID? {
        let reference = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard reference.count == 8, reference.allSatisfy(\.isHexDigit),
            let low = UUID(uuidString: reference + "-0000-0000-0000-000000000000"),
            let high = UUID(uuidString: reference + "-FFFF-FFFF-FFFF-FFFFFFFFFFFF")
        else { return nil }
        let row = try await database.sql.select().column("person_id").from(IntroductionModel.schema)
            .where("council_id", .equal, SQLBind(councilID.uuid))
            .where("id", .greaterThanOrEqual, SQLBind(low)).where("id", .lessThanOrEqual, SQLBind(high))
            .limit(1).first()
        return try row.map { Person.ID(try $0.decode(column: "person_id", as: UUID.self)) }
    }
}
