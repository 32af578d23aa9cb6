import AlongsideCore
import Foundation
import SQLKit
import Testing

@testable import AlongsideStore

/// A row as the database would give it, for the row codecs' own logic (no database needed).
struct FakeSQLRow: SQLRow {
    let values: [String: (any Sendable)?]

    struct Missing: Error { let column: String }

    var allColumns: [String] { Array(values.keys) }
    func contains(column: String) -> Bool { values[column] != nil }
    func decodeNil(column: String) throws -> Bool {
        guard let value = values[column] else { throw Missing(column: column) }
        return value == nil
    }
    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let value = values[column] else { throw Missing(column: column) }
        guard let value else {
            guard let optional = D.self as? any NothingForNil.Type, let nothing = optional.nothing as? D else {
                throw Missing(column: column)
            }
            return nothing
        }
        guard let decoded = value as? D else { throw Missing(column: column) }
        return decoded
    }
}

protocol NothingForNil { static var nothing: Self { get } }
extension Optional: NothingForNil { static var nothing: Self { .none } }

@Suite("Row codecs")
struct RowCodecTests {
    let id = UUID(uuidString: "00000001-0001-0000-0000-000000000000")!
    let council = UUID(uuidString: "00000002-0001-0000-0000-000000000000")!
    let at = Date(timeIntervalSince1970: 1_700_000_000)

    func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    func report(model: String, basis: String?) -> FakeSQLRow {
        FakeSQLRow(values: [
            "id": id, "council_id": council, "title": "Year one", "scope": "council", "model": model,
            "basis": basis, "created_at": at,
        ])
    }

    @Test func aSavedReportWhoseModelCannotBeReadIsLeftOut() throws {
        let model = try json(SROI.Model(investment: 100, outcomes: []))
        let read = try #require(try SROIReportRow.report(report(model: model, basis: nil)))
        #expect(read.id == id && read.title == "Year one" && read.model.investment == 100 && read.basis == nil)
        #expect(read.createdAt == at)
        #expect(try SROIReportRow.report(report(model: "{not json", basis: nil)) == nil)
        // A basis that cannot be read is left off; the report stays.
        #expect(try SROIReportRow.report(report(model: model, basis: "[]"))?.basis == nil)
    }

    @Test func aProxysPriceYearIsTheColumnsAndAnUnreadableOneIsLeftOut() throws {
        var proxy = try #require(ProxyLibrary.starter.first)
        proxy.priceYear = 2019
        let row = FakeSQLRow(values: [
            "id": id, "council_id": council, "kind": proxy.kind.rawValue, "definition": try json(proxy),
            "price_year": 2024,
        ])
        let read = try #require(try ProxyRow.proxy(row))
        #expect(read.priceYear == 2024 && read.kind == proxy.kind && read.value == proxy.value)
        #expect(try ProxyRow.councilID(row) == Council.ID(council))
        let broken = FakeSQLRow(values: [
            "id": id, "council_id": council, "kind": proxy.kind.rawValue, "definition": "", "price_year": 2024,
        ])
        #expect(try ProxyRow.proxy(broken) == nil)
    }

    @Test func aDeflatorTableLeavesOutWhatIsNotANumberAndIsNilWhenUnreadable() throws {
        func row(_ indexes: String) -> FakeSQLRow {
            FakeSQLRow(values: [
                "id": id, "council_id": council, "source": "ONS", "published": "June 2025", "indexes": indexes,
                "version": 3,
            ])
        }
        let table = try #require(try DeflatorSetRow.deflators(row(#"{"2024": "100.5", "soon": "1", "2025": "x"}"#)))
        #expect(table.indexes == [2024: Decimal(string: "100.5")!])
        #expect(table.source == "ONS" && table.published == "June 2025")
        #expect(try DeflatorSetRow.version(row("{}")) == 3)
        #expect(try DeflatorSetRow.deflators(row("[1, 2]")) == nil)
    }

    @Test func aStoryWithAStatusAlongsideDoesNotKnowReadsAsAwaitingApprovalAndKeepsItsStoredStatus() throws {
        let row = FakeSQLRow(values: [
            "id": id, "council_id": council, "person_id": council, "title": "T", "body": "B", "status": "archived",
            "written_by_id": nil, "written_at": at, "review_note": "Shorter, please",
        ])
        let stored = try StoryRow.stored(row)
        #expect(stored.status == "archived" && stored.story.status == .awaitingApproval)
        #expect(stored.story.writtenByID == nil && stored.story.reviewNote == "Shorter, please")
        #expect(stored.story.personID == Person.ID(council))
    }

    @Test func aConsentOfAKindAlongsideDoesNotKnowReadsAsKeepingTheirInformation() throws {
        func row(_ kind: String, withdrawn: String?) -> FakeSQLRow {
            FakeSQLRow(values: [
                "id": id, "council_id": council, "person_id": council, "kind": kind, "partner": nil,
                "wording": "Words", "given_on": "2025-01-02", "withdrawn_on": withdrawn, "recorded_by_id": nil,
                "recorded_at": at,
            ])
        }
        let told = try ConsentRow.consent(row(Consent.Kind.tellStory.rawValue, withdrawn: "2025-02-03"))
        #expect(told.kind == .tellStory && told.withdrawnOn == "2025-02-03" && told.partner == nil)
        #expect(told.id == Consent.ID(id) && told.personID == Person.ID(council) && told.givenOn == "2025-01-02")
        let unknown = try ConsentRow.consent(row("sing-about-it", withdrawn: nil))
        #expect(unknown.kind == .keepInformation && unknown.withdrawnOn == nil && unknown.wording == "Words")
    }

    @Test func aPracticeItemLeavesOutThemesAlongsideDoesNotKnowAndReadsAnUnknownKindAsAnIdea() throws {
        let theme = try #require(PracticeItem.Theme.allCases.first)
        let row = FakeSQLRow(values: [
            "id": id, "council_id": council, "kind": "poem", "title": "T", "body": "B",
            "themes": "\(theme.rawValue),no-such-theme", "event_on": nil, "event_place": "Hall",
            "source_story_id": nil, "published_by_id": nil, "published_at": at,
        ])
        let item = try PracticeItemRow.item(row)
        #expect(item.kind == .idea && item.themes == [theme] && item.eventOn == nil && item.eventPlace == "Hall")
        #expect(item.councilID == Council.ID(council) && item.publishedAt == at && item.title == "T")
    }

    @Test func anAuditEntryKeepsItsWordsOrItsCodeAndReadsMalformedValuesAsNone() throws {
        func row(code: String?, values: String?, api: Bool?, action: String = "view") -> FakeSQLRow {
            FakeSQLRow(values: [
                "id": id, "council_id": council, "staff_id": nil, "person_id": id, "action": action,
                "detail": "Looked at the record", "detail_code": code, "detail_values": values, "detail_api": api,
                "reason": nil, "address": "127.0.0.1", "at": at,
            ])
        }
        let written = try AuditEntryRow.entry(row(code: nil, values: nil, api: nil, action: "sing"))
        #expect(written.detail == .init(written: "Looked at the record") && written.action == .view)
        #expect(written.personID == Person.ID(id) && written.staffID == nil && written.at == at)
        let coded = try AuditEntryRow.entry(row(code: "a.b", values: #"["x", "y"]"#, api: true))
        #expect(coded.detail == .init(code: "a.b", values: ["x", "y"], viaAPI: true))
        let malformed = try AuditEntryRow.entry(row(code: "a.b", values: "{not json", api: nil))
        #expect(malformed.detail == .init(code: "a.b", values: [], viaAPI: false))
    }

    @Test func everyCodecNamesEachColumnOnceAndTheDirectoryWritesTheColumnsItReads() {
        for columns in [
            StoryRow.columns, ProgrammeRow.columns, ProgrammeMemberRow.columns, SROIReportRow.columns,
            ProxyRow.columns, DeflatorSetRow.columns, OutcomeRow.columns, MeasureRow.columns, TaxonomyRow.columns,
            TaxonomyTermRow.columns, CommunityOrganisationRow.columns, CommunityResourceRow.columns,
            DirectoryVersionRow.columns, DirectoryFeedRow.columns, ConsentRow.columns, PracticeItemRow.columns,
            ConnectionRow.columns, ContributionRow.columns, CorrectionRow.columns, CommunityWorkRow.columns,
            WardAssignmentRow.columns, MergeRow.columns, PostcodeRow.columns, VolunteerRow.columns,
            HelpRequestRow.columns, AuditEntryRow.columns,
        ] {
            #expect(Set(columns).count == columns.count)
        }
        #expect(DirectoryTables.resources.columns == CommunityResourceRow.columns)
        #expect(Set(CommunityResourceRow.read).isSubset(of: CommunityResourceRow.columns))
        #expect(Set(DirectoryVersionRow.read).isSubset(of: DirectoryVersionRow.columns))
    }
}
