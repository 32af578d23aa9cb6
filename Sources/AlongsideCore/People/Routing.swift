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

        public var explanation: String {
            switch self {
            case .noPostcode: return Wording.current("people.label.no-postcode-was-given")
            case .unknownPostcode: return Wording.current("people.label.the-postcode-is-not-in-the")
            case .outOfArea: return Wording.current("people.label.the-postcode-is-outside-the-councils")
            case .uncoveredWard: return Wording.current("people.label.the-ward-has-no-named-coordinator")
            }
        }
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
