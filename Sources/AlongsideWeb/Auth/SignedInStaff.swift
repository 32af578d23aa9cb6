import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The member of staff a request acts for, with their council. Every query a request makes is scoped
/// by `council.id`.
struct SignedInStaff: Authenticatable {
    let member: StaffMember
    let council: Council

    func may(_ permission: Permission) -> Bool { member.role.may(permission) }
}

extension Request {
    /// The signed-in member of staff, or 401.
    var staff: SignedInStaff {
        get throws { try auth.require(SignedInStaff.self) }
    }

    /// The signed-in member of staff if their role allows `permission`; otherwise 403.
    func staff(permitted permission: Permission) throws -> SignedInStaff {
        let staff = try self.staff
        guard staff.may(permission) else { throw AlongsideError.forbidden }
        return staff
    }

    /// A member of staff and their council as the database holds them now.
    func loadStaff(_ id: StaffMember.ID) async throws -> SignedInStaff? {
        try await stores.staff.findWithCouncil(id).map { SignedInStaff(member: $0.member, council: $0.council) }
    }

    private struct SessionStaffKey: StorageKey { typealias Value = SignedInStaff }

    /// The member of staff the session names, as `SessionTable` read them with the session itself; read
    /// again only when it brought nobody. For the session's authenticator: every other caller that wants a
    /// member as they are now (after changing their password, say) reads with `loadStaff`.
    func sessionStaff(_ id: StaffMember.ID) async throws -> SignedInStaff? {
        if let read = storage[SessionStaffKey.self], read.member.id == id { return read }
        return try await loadStaff(id)
    }

    /// Kept by `SessionTable` for `sessionStaff(_:)`.
    func keepSessionStaff(_ staff: SignedInStaff) { storage[SessionStaffKey.self] = staff }
}
