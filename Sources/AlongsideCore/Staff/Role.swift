/// What a member of staff does, and so what Alongside lets them see and do.
public enum Role: String, CaseIterable, Codable, Sendable {
    case coordinator = "coordinator"
    case teamLeader = "team-leader"
    case councilAdmin = "council-admin"
    case networkAnalyst = "network-analyst"
    case auditor = "auditor"
    /// Looks after the deployment's councils for the Local Area Coordination Network: adds councils and
    /// their first admins, and sees the Network's published figures. Never opens a person's record.
    case networkAdmin = "network-admin"

    public var title: String {
        switch self {
        case .coordinator: return Wording.current("sign-in.message.local-area-coordinator")
        case .teamLeader: return Wording.current("sign-in.message.team-leader")
        case .councilAdmin: return Wording.current("sign-in.message.council-admin")
        case .networkAnalyst: return Wording.current("sign-in.message.network-analyst")
        case .auditor: return Wording.current("sign-in.message.auditor")
        case .networkAdmin: return Wording.current("sign-in.message.network-admin")
        }
    }

    public func may(_ permission: Permission) -> Bool {
        Permission.granted(to: self).contains(permission)
    }

    /// Roles whose holder can be the named coordinator of a ward.
    public var canCoverWard: Bool { self == .coordinator || self == .teamLeader }
}

/// Something a role may do. Checked on the server for pages and API alike.
public enum Permission: String, CaseIterable, Sendable {
    /// See wards and who covers them.
    case viewCoverage
    /// Add and rename wards, and assign their named coordinators.
    case manageWards
    /// See the service metrics (request counts and latencies).
    case viewMetrics
    /// Change roles, switch leavers off and back on.
    case manageStaff
    /// Open people's records, record introductions, conversations, visions, steps and relationships.
    case workWithPeople
    /// Open any record in the council without giving a reason (coordinators give one for people not on
    /// their caseload), see every caseload and the unassigned queue, and hand people over.
    case leadTeam
    /// Add, edit and check the community directory; log community work; run the Good Neighbours scheme.
    case workWithCommunity
    /// Search and export the audit log: who saw or changed which record, when and why.
    case readAudit
    /// See the council's dashboard: reach, wellbeing change, outcomes and avoided crises (counts only).
    case viewDashboard
    /// See the Network's comparisons of the councils that share their figures (published figures only,
    /// with small counts suppressed).
    case viewNetwork
    /// Add councils to the deployment, each with its first council admin.
    case manageNetwork
    /// Read the Network's practice library: approved stories, ideas and events from every council.
    case readPractice
    /// Publish to the practice library for the council (approved stories, ideas, events).
    case publishPractice

    static func granted(to role: Role) -> Set<Permission> {
        switch role {
        case .coordinator: return [.viewCoverage, .workWithPeople, .workWithCommunity, .readPractice]
        case .teamLeader:
            return [
                .viewCoverage, .workWithPeople, .workWithCommunity, .leadTeam, .viewDashboard, .viewNetwork,
                .readPractice, .publishPractice,
            ]
        case .councilAdmin:
            return [
                .viewCoverage, .manageWards, .manageStaff, .workWithCommunity, .viewDashboard, .viewNetwork,
                .readPractice, .publishPractice,
            ]
        case .auditor: return [.viewCoverage, .readAudit]
        case .networkAnalyst: return [.viewNetwork, .readPractice]
        case .networkAdmin: return [.viewNetwork, .manageNetwork, .viewMetrics, .readPractice, .publishPractice]
        }
    }
}
