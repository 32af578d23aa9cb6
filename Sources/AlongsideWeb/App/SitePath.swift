import AlongsideCore
import Foundation

/// Every page's address, used by routes and templates alike so links cannot drift from routes.
enum SitePath {
    static let home = "/"
    static let signIn = "/sign-in"
    static let signOut = "/sign-out"
    static let forgotPassword = "/sign-in/forgot"
    /// Where a one-time link (an invitation or a password reset) leads.
    static func passwordLink(_ token: String) -> String { "/password/\(token)" }
    static let staffInvite = "/staff/invite"
    static let coverage = "/coverage"
    static let wards = "/wards"
    static let settings = "/settings"
    static let languages = "/languages"
    /// A phone number as a `tel:` address (one tap to call on a phone): its digits and a leading +; nil
    /// when it has too few digits to call.
    static func tel(_ phone: String) -> String? {
        // "+44 (0)1234 567890": the bracketed 0 is dialled only from inside the country, never after +44.
        let international = phone.trimmingCharacters(in: .whitespaces).hasPrefix("+")
        let spoken = international ? phone.replacingOccurrences(of: "(0)", with: "") : phone
        let digits = spoken.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
        return digits.count >= 3 ? "tel:" + digits : nil
    }
    static let newWard = "/wards/new"
    static let staff = "/staff"
    static func staffMember(_ id: StaffMember.ID, _ part: String) -> String { "/staff/\(id)/\(part)" }
    static let health = "/health"
    static let metrics = "/metrics"

    static let introduceStart = "/introduce"
    static let caseload = "/caseload"
    static let team = "/team"
    static let searchPeople = "/people/search"
    static let newPerson = "/people/new"

    static func introduce(_ councilSlug: String) -> String { "/introduce/\(councilSlug)" }
    static func directory(_ councilSlug: String) -> String { "/directory/\(councilSlug)" }
    static func directoryResource(_ councilSlug: String, _ id: CommunityResource.ID) -> String {
        "/directory/\(councilSlug)/resources/\(id)"
    }
    /// A council's own public page: `/c/{council}/introduce`, `/c/{council}/directory`, `/c/{council}/oruk`.
    static func publicPage(_ councilSlug: String, _ page: String) -> String { "/c/\(councilSlug)/\(page)" }
    /// The council a public address names: `/c/{council}/…`, `/introduce/{council}…` or
    /// `/directory/{council}…` (the forms above); nil for any other address.
    static func publicCouncilSlug(in path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2, ["c", "introduce", "directory"].contains(parts[0]) else { return nil }
        return String(parts[1])
    }
    static let network = "/network"
    static let networkCSV = "/network.csv"
    static let dashboard = "/dashboard"
    static let sroi = "/sroi"
    static let dashboardCSV = "/dashboard.csv"
    /// The one-page quarterly report for commissioners, printable on A4.
    static let quarterlyReport = "/dashboard/quarterly"
    /// The defined figures as JSON, for a team leader's API token.
    static let apiFigures = "/api/v1/figures"
    static let practice = "/network/practice"
    static let networkCouncils = "/network/councils"
    static let communityResources = "/community/resources"
    static func communityResource(_ id: CommunityResource.ID) -> String { "/community/resources/\(id)" }
    static func person(_ id: Person.ID) -> String { "/people/\(id)" }
    static func person(_ id: Person.ID, _ part: String) -> String { "/people/\(id)/\(part)" }
    /// A conversation on a person's record: its correction (a POST), or a part such as "strike".
    static func conversation(_ id: Person.ID, _ conversation: Conversation.ID, _ part: String? = nil) -> String {
        "/people/\(id)/conversations/\(conversation)" + (part.map { "/" + $0 } ?? "")
    }
    /// An entry on a person's record (a step, a reading…): its correction (a POST), or "/strike".
    static func entry(_ id: Person.ID, _ entry: Correction.Entry, _ entryID: UUID) -> String {
        "/people/\(id)/entries/\(entry.rawValue)/\(entryID)"
    }
    /// The side-by-side page where `duplicate` is merged into `id`, field by field.
    static func mergeComparison(_ id: Person.ID, with duplicate: Person.ID) -> String {
        "/people/\(id)/merge?duplicate=\(duplicate)"
    }
    static func undoMerge(_ id: Person.ID, _ merge: PersonMerge.Record.ID) -> String {
        "/people/\(id)/merges/\(merge)/undo"
    }
    static func ward(_ id: Ward.ID) -> String { "/wards/\(id)" }
    static func wardAssignment(_ id: Ward.ID) -> String { "/wards/\(id)/coordinator" }

    /// A `next` target is only followed when it is one of our own pages.
    /// Whether `path` may be redirected to after sign-in (`next=`): a path of this site, made only of
    /// printable ASCII other than a backslash, with no line break, tab or other control character (so it
    /// cannot reach a header or be read by a browser as another host), and no leading `//`, before or
    /// after percent-decoding. Anything else goes home.
    static func isSafeRedirect(_ path: String) -> Bool {
        func safe(_ text: String) -> Bool {
            text.hasPrefix("/") && !text.hasPrefix("//") && !text.contains("://")
                && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }
        }
        guard path.count <= 2_000, safe(path) else { return false }
        guard let decoded = path.removingPercentEncoding else { return false }
        return decoded.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } && !decoded.contains("\\")
            && !decoded.hasPrefix("//")
    }
}
