import AlongsideCore
import Vapor

/// What every page's layout needs: title, the signed-in person, the navigation their role allows,
/// and the form token.
struct PageContext: Encodable {
    struct NavItem: Encodable {
        let href: String
        let label: String
        let current: Bool
    }

    struct Staff: Encodable {
        let name: String
        let roleTitle: String
        let councilName: String
    }

    let title: String
    let csrf: String?
    let staff: Staff?
    let nav: [NavItem]
    let signOutPath: String
    let signInPath: String

    /// `forms` makes sure a form token exists even for someone not signed in (the sign-in page).
    init(request: Request, title: String, forms: Bool = false) {
        self.title = title
        let signedIn = request.auth.get(SignedInStaff.self)
        self.csrf = (signedIn != nil || forms) ? CSRFMiddleware.token(for: request) : nil
        self.staff = signedIn.map {
            Staff(name: $0.member.name, roleTitle: $0.member.role.title, councilName: $0.council.name)
        }
        var items: [(String, String)] = []
        if let signedIn {
            items.append((SitePath.home, "Home"))
            if signedIn.may(.workWithPeople) {
                items.append((SitePath.caseload, "Caseload"))
                items.append((SitePath.searchPeople, "Find a person"))
                items.append((SitePath.newPerson, "Record an introduction"))
            }
            if signedIn.may(.workWithCommunity) {
                items.append((SitePath.communityResources, "Community"))
                items.append(("/good-neighbours", "Good Neighbours"))
            }
            if signedIn.may(.leadTeam) { items.append((SitePath.team, "Team")) }
            if signedIn.may(.viewDashboard) {
                items.append(("/dashboard", "Dashboard"))
                items.append(("/sroi", "SROI"))
                items.append(("/programmes", "Programmes"))
            }
            if signedIn.may(.workWithPeople) || signedIn.may(.viewDashboard) { items.append(("/stories", "Stories")) }
            if signedIn.may(.readAudit) { items.append(("/audit", "Audit log")) }
            if signedIn.may(.viewNetwork) {
                items.append((SitePath.network, "Network"))
            } else if signedIn.may(.readPractice) {
                items.append((SitePath.practice, "Practice library"))
            }
            if signedIn.may(.manageNetwork) { items.append((SitePath.networkCouncils, "Councils")) }
            if signedIn.may(.viewCoverage) { items.append((SitePath.coverage, "Coverage")) }
            if signedIn.may(.manageWards) { items.append((SitePath.wards, "Wards")) }
        }
        let path = request.url.path
        // The current item is the one whose address the page's starts with, the longest such (so
        // /network/councils is "Councils", not also "Network"); Home only on the home page itself.
        let current = items.map(\.0).filter { $0 == SitePath.home ? path == $0 : path.hasPrefix($0) }
            .max { $0.count < $1.count }
        self.nav = items.map { href, label in NavItem(href: href, label: label, current: href == current) }
        self.signOutPath = SitePath.signOut
        self.signInPath = SitePath.signIn
    }
}

/// A field-level problem for the error summary at the top of a form.
struct FormError: Encodable {
    let field: String
    let message: String
}

extension Array where Element == FormError {
    /// The first message for each field, for showing beside the field itself.
    var byField: [String: String] {
        var result: [String: String] = [:]
        for error in self where result[error.field] == nil { result[error.field] = error.message }
        return result
    }
}

enum LondonTime {
    static let zone = ISODay.london

    /// Made once for each pattern and zone: making a DateFormatter costs far more than using one (ICU
    /// set-up dominated the release profile of every page with dates in it).
    final class Formatters: @unchecked Sendable {
        private let lock = NSLock()
        private var made: [String: DateFormatter] = [:]

        func string(_ date: Date, _ pattern: String, _ zone: TimeZone) -> String {
            lock.lock()
            defer { lock.unlock() }
            let key = pattern + "|" + zone.identifier
            if let formatter = made[key] { return formatter.string(from: date) }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_GB")
            formatter.timeZone = zone
            formatter.dateFormat = pattern
            made[key] = formatter
            return formatter.string(from: date)
        }
    }

    static let formatters = Formatters()

    static func format(_ date: Date, _ pattern: String, zone: TimeZone = zone) -> String {
        formatters.string(date, pattern, zone)
    }

    /// "3 March 2026" in Europe/London.
    static func date(_ date: Date) -> String { format(date, "d MMMM yyyy") }

    /// "3 March 2026" from an ISO day (yyyy-MM-dd).
    static func day(_ iso: String) -> String {
        guard let date = ISODay.date(iso) else { return iso }
        return format(date, "d MMMM yyyy")
    }

    /// "Mar 2026" from "2026-03".
    static func month(_ key: String) -> String {
        let parts = key.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...12).contains(parts[1]) else { return key }
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(names[parts[1] - 1]) \(parts[0])"
    }

    /// "3/4/1950" from "1950-04-03", for a date field.
    static func slashDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    /// A day typed in a form ("3/4/2026") as yyyy-MM-dd; today when left empty.
    static func formDay(_ text: String?, field: String, today: Date) throws -> String {
        guard let typed = text?.trimmedOrNil else { return ISODay.string(today) }
        guard let day = Person.isoDate(typed) else {
            throw AlongsideError.invalid(field: field, message: "Enter the date as day/month/year, like 3/4/2026.")
        }
        return day
    }

    /// The day in London as yyyy-MM-dd.
    static func isoDay(_ date: Date) -> String { ISODay.string(date) }

    /// Today as "22/11/2026", for prefilling date fields.
    static func inputDate(_ date: Date) -> String { format(date, "d/M/yyyy") }

    /// "3 March 2026, 14:05" in Europe/London.
    static func dateTime(_ date: Date) -> String { format(date, "d MMMM yyyy, HH:mm") }
}
