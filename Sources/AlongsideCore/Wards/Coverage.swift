import Foundation

/// Which wards have a named coordinator now, and which do not.
public struct Coverage: Sendable, Equatable {
    public struct Row: Sendable, Equatable, Codable {
        public let ward: Ward
        public let coordinator: Coordinator?
        public var isCovered: Bool { coordinator != nil }
    }

    public struct Coordinator: Sendable, Equatable, Codable {
        public let id: StaffMember.ID
        public let name: String
        public let email: String

        public init(id: StaffMember.ID, name: String, email: String) {
            self.id = id
            self.name = name
            self.email = email
        }
    }

    public let rows: [Row]

    /// Builds coverage from the council's wards and their current assignments. Rows are in ward-name
    /// order; a ward with no current assignment is uncovered.
    public init(wards: [Ward], current: [Ward.ID: Coordinator]) {
        rows = wards.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
            .map { Row(ward: $0, coordinator: current[$0.id]) }
    }

    public var uncovered: [Row] { rows.filter { !$0.isCovered } }

    /// Each covered ward's named coordinator: who an introduction or a handover there goes to.
    public var namedCoordinators: [Ward.ID: StaffMember.ID] {
        Dictionary(uniqueKeysWithValues: rows.compactMap { row in row.coordinator.map { (row.ward.id, $0.id) } })
    }
    public var coveredCount: Int { rows.count - uncovered.count }

    /// Coordinators with the wards they cover, for a "who covers what" summary.
    public var wardsByCoordinator: [(coordinator: Coordinator, wards: [Ward])] {
        var order: [StaffMember.ID] = []
        var byID: [StaffMember.ID: (Coordinator, [Ward])] = [:]
        for row in rows {
            guard let coordinator = row.coordinator else { continue }
            if byID[coordinator.id] == nil { order.append(coordinator.id) }
            byID[coordinator.id, default: (coordinator, [])].1.append(row.ward)
        }
        return order.compactMap { byID[$0] }.sorted { $0.0.name < $1.0.name }.map { ($0.0, $0.1) }
    }
}
