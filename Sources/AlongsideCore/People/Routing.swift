/// Where a new introduction goes: postcode → ward → that ward's named coordinator; otherwise the
/// team leader's queue, with the reason.
public enum IntroductionRoute: Equatable, Sendable {
    case coordinator(StaffMember.ID, ward: Ward)
    case teamLeaderQueue(reason: QueueReason, ward: Ward?)

    public enum QueueReason: String, Equatable, Sendable, Codable {
        case noPostcode = "no-postcode"
        case unknownPostcode = "unknown-postcode"
        case outOfArea = "out-of-area"
        case uncoveredWard = "uncovered-ward"
        /// Their coordinator was taken off them (a handover or a leaver) and nobody named yet.
        case returned

        public var explanation: String {
            switch self {
            case .noPostcode: return Wording.current("people.label.no-postcode-was-given")
            case .unknownPostcode: return Wording.current("people.label.the-postcode-is-not-in-the")
            case .outOfArea: return Wording.current("people.label.the-postcode-is-outside-the-councils")
            case .uncoveredWard: return Wording.current("people.label.the-ward-has-no-named-coordinator")
            case .returned: return Wording.current("people.label.returned-to-the-team-leader")
            }
        }

        /// A stored queue reason in the reader's language: the database keeps the code; a row written before
        /// codes were kept is shown as it was written.
        public static func explain(_ stored: String?) -> String? {
            guard let stored, !stored.isEmpty else { return nil }
            return QueueReason(rawValue: stored)?.explanation ?? stored
        }
    }

    /// What the introduction's record keeps of how it was routed: a code, worded when shown
    /// (`coordinator:<ward name>` or `team-leader:<reason>`).
    public var note: String {
        switch self {
        case .coordinator(_, let ward): return "coordinator:" + ward.name
        case .teamLeaderQueue(let reason, _): return "team-leader:" + reason.rawValue
        }
    }

    /// A stored route note in the reader's language; a note written before codes were kept, as it was written.
    public static func describe(note stored: String) -> String {
        if stored.hasPrefix("coordinator:") {
            return Wording.current("people.route.coordinator", String(stored.dropFirst("coordinator:".count)))
        }
        if stored.hasPrefix("team-leader:"), let reason = QueueReason(rawValue: String(stored.dropFirst(12))) {
            return Wording.current("people.route.team-leader", reason.explanation)
        }
        return stored
    }

    /// Decides the route. `wardCode` is what the postcode table says (nil when it does not know the
    /// postcode); `coverage` is the council's wards and their coordinators now.
    public static func route(postcode: Postcode?, wardCode: String?, coverage: Coverage) -> IntroductionRoute {
        guard postcode != nil else { return .teamLeaderQueue(reason: .noPostcode, ward: nil) }
        guard let wardCode else { return .teamLeaderQueue(reason: .unknownPostcode, ward: nil) }
        guard let row = coverage.rows.first(where: { $0.ward.code == wardCode }) else {
            return .teamLeaderQueue(reason: .outOfArea, ward: nil)
        }
        guard let coordinator = row.coordinator else {
            return .teamLeaderQueue(reason: .uncoveredWard, ward: row.ward)
        }
        return .coordinator(coordinator.id, ward: row.ward)
    }
}
