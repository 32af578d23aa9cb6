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
        try await StaffStore(db).addLink(
            purpose, digest: BearerTokenAuthenticator.digest(token), for: member.id, at: now)
        let link = (app.alongside.publicURL ?? "") + SitePath.passwordLink(token)
        let notice: Notice =
            purpose == .invitation
            ? .invitation(link: link, council: council.name) : .passwordReset(link: link)
        // The link opens an account: in the outbox it is sealed with the secret key, and emptied once sent.
        try await OutboxStore(db).notify(member, try notice.mappingLink { try app.secretBox.seal($0) }, at: now)
        return link
    }
}
