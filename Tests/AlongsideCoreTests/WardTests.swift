import Foundation
import Testing

@testable import AlongsideCore

@Suite("Wards and coverage rules")
struct WardRuleTests {
    let council = Council.ID(UUID())

    func ward(_ name: String, _ code: String) -> Ward {
        Ward(id: .init(UUID()), councilID: council, code: code, name: name)
    }

    @Test func wardCodesAreONSCodes() {
        #expect(Ward.isValidCode("E05012345"))
        #expect(Ward.isValidCode("W05000123"))
        #expect(!Ward.isValidCode("E0501234"))
        #expect(!Ward.isValidCode("X05012345"))
        #expect(!Ward.isValidCode("e05012345"))
    }

    @Test func typedWardDetailsAreCleanedOrExplained() throws {
        let valid = try Ward.validated(code: " e05012345 ", name: "  Northfield ")
        #expect(valid.code == "E05012345")
        #expect(valid.name == "Northfield")
        #expect(throws: WardProblem.self) { try Ward.validated(code: "E05012345", name: "   ") }
    }

    @Test func coverageListsWardsByNameAndFindsTheGaps() {
        let north = ward("Northfield", "E05000001")
        let ashby = ward("Ashby", "E05000002")
        let mill = ward("Millbrook", "E05000003")
        let amara = Coverage.Coordinator(id: .init(UUID()), name: "Amara Okafor", email: "a@x.example")
        let coverage = Coverage(wards: [north, ashby, mill], current: [north.id: amara, ashby.id: amara])
        #expect(coverage.rows.map(\.ward.name) == ["Ashby", "Millbrook", "Northfield"])
        #expect(coverage.uncovered.map(\.ward.name) == ["Millbrook"])
        #expect(coverage.coveredCount == 2)
        #expect(coverage.wardsByCoordinator.count == 1)
        #expect(coverage.wardsByCoordinator[0].wards.map(\.name) == ["Ashby", "Northfield"])
    }
}
