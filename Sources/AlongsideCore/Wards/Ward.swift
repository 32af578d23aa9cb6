import Foundation

/// An electoral ward: the patch a named Local Area Coordinator is placed in.
public struct Ward: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Ward>
    public let id: ID
    public let councilID: Council.ID
    /// ONS code such as `E05012345` (England), `W05000123` (Wales).
    public var code: String
    public var name: String

    public init(id: ID, councilID: Council.ID, code: String, name: String) {
        self.id = id
        self.councilID = councilID
        self.code = code
        self.name = name
    }

    /// An ONS GSS code: a letter for the country and eight digits (`E05012345`).
    public static func isValidCode(_ code: String) -> Bool {
        guard code.count == 9, let first = code.first, "EWSNL".contains(first) else { return false }
        return code.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Checks a ward's code and name as typed by a person, returning the cleaned values.
    public static func validated(code: String, name: String) throws(WardProblem) -> (code: String, name: String) {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard isValidCode(code) else {
            throw WardProblem.codeUnusable
        }
        guard !name.isEmpty else {
            throw WardProblem.nameMissing
        }
        guard name.count <= 120 else {
            throw WardProblem.nameTooLong
        }
        return (code, name)
    }
}

/// One period in which a coordinator was the named coordinator of a ward. The history is kept:
/// an assignment is ended, never deleted.
public struct WardAssignment: Hashable, Sendable, Codable {
    public typealias ID = Identifier<WardAssignment>
    public let id: ID
    public let wardID: Ward.ID
    public let coordinatorID: StaffMember.ID
    public var coordinatorName: String
    public var startedAt: Date
    public var endedAt: Date?

    public init(
        id: ID, wardID: Ward.ID, coordinatorID: StaffMember.ID, coordinatorName: String, startedAt: Date,
        endedAt: Date?
    ) {
        self.id = id
        self.wardID = wardID
        self.coordinatorID = coordinatorID
        self.coordinatorName = coordinatorName
        self.startedAt = startedAt
        self.endedAt = endedAt
    }

    public var isCurrent: Bool { endedAt == nil }
}
