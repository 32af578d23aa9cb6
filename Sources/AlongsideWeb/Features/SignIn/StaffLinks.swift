import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// One-time links to set a password: made, kept as a digest only, and put in the outbox with their notice
/// in one transaction (the caller's).
enum StaffLinks {
    /// Makes a link for the member and puts its email in the outbox; the link's address (absolute when
    /// `ALONGSIDE_PUBLIC_URL` is set), for an admin to hand over when no mail is configured.
    static func issue(
        _ purpose: StaffLinkPurpose, for member: StaffMember, council: Council, on db: any Database, app: Application,
        at now: Date
    ) async throws -> String {
        let token = "pw_" + [UInt8].random(count: 32).base64URLEncoded
        try await Stores(db).staff.addLink(
            purpose, digest: BearerTokenAuthenticator.digest(token), for: member.id, at: now)
        let link = (app.alongside.publicURL ?? "") + SitePath.password(.value(token)).path
        let notice: Notice =
            purpose == .invitation
            ? .invitation(link: link, council: council.name) : .passwordReset(link: link)
        // The link opens an account: in the outbox it is sealed with the secret key, and emptied once sent.
        try await Stores(db).outbox.notify(member, try notice.mappingLink { try app.secretBox.seal($0) }, at: now)
        return link
    }

    /// Invites a member of staff: an account whose password nobody knows (they set theirs from the link), its
    /// link, the invitation in the outbox and the audit entry, in one transaction. The member and the link.
    static func invite(
        email: String, name: String, role: Role, to council: Council, by staffID: StaffMember.ID?,
        audit detail: AuditEntry.Detail, address: String?, app: Application
    ) async throws -> (member: StaffMember, link: String) {
        let unusable = try await app.password.async.hash([UInt8].random(count: 32).base64URLEncoded)
        let now = app.alongside.now()
        return try await app.db.change { db in
            let member = try await Stores(db).staff.invite(
                councilID: council.id, email: email, name: name, role: role, unusablePasswordHash: unusable)
            let link = try await issue(.invitation, for: member, council: council, on: db, app: app, at: now)
            try await Stores(db, council: council.id).audit.record(
                AuditEntry(
                    at: now, staffID: staffID, personID: nil, action: .update, detail: detail, address: address))
            return (member, link)
        }
    }
}
