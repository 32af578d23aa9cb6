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

    /// A link to read the same page in another language the council offers.
    struct LanguageLink: Encodable {
        let href: String
        let label: String
        let lang: String
    }

    let title: String
    /// The page's language, for `<html lang>`: `en-GB` or `cy-GB`.
    let lang: String
    let otherLanguages: [LanguageLink]
    let csrf: String?
    let staff: Staff?
    let nav: [NavItem]
    let signOutPath: String
    let signInPath: String

    init(
        title: String, lang: String, otherLanguages: [LanguageLink], csrf: String?, staff: Staff?, nav: [NavItem],
        signOutPath: String, signInPath: String
    ) {
        self.title = title
        self.lang = lang
        self.otherLanguages = otherLanguages
        self.csrf = csrf
        self.staff = staff
        self.nav = nav
        self.signOutPath = signOutPath
        self.signInPath = signInPath
    }

    /// `forms` makes sure a form token exists even for someone not signed in (the sign-in page).
    init(request: Request, title: String, forms: Bool = false) {
        self.title = title
        let wording = Wording.current
        self.lang = wording.language.tag
        self.otherLanguages = wording.offered.filter { $0 != wording.language }.map {
            LanguageLink(href: Self.address(request, in: $0), label: $0.nativeName, lang: $0.tag)
        }
        let signedIn = request.auth.get(SignedInStaff.self)
        self.csrf = (signedIn != nil || forms) ? CSRFMiddleware.token(for: request) : nil
        self.staff = signedIn.map {
            Staff(
                name: $0.member.name, roleTitle: wording("role.\($0.member.role.rawValue)"),
                councilName: $0.council.name)
        }
        let items =
            signedIn.map { signedIn in
                Self.navigation(for: signedIn, wording).map { ($0.path.path, $0.label) }
            } ?? []
        let path = request.url.path
        // The current item is the one whose address the page's starts with, the longest such (so
        // /network/councils is "Councils", not also "Network"); Home only on the home page itself.
        let current = items.map(\.0).filter { $0 == SitePath.home.path ? path == $0 : path.hasPrefix($0) }
            .max { $0.count < $1.count }
        self.nav = items.map { href, label in NavItem(href: href, label: label, current: href == current) }
        self.signOutPath = SitePath.signOut.path
        self.signInPath = SitePath.signIn.path
    }

    /// The navigation: each item is an address of the route table and its label, in
    /// the order shown, for what the member of staff may do.
    static func navigation(for signedIn: SignedInStaff, _ wording: Wording) -> [(path: SitePath, label: String)] {
        var items: [(path: SitePath, label: String)] = [(.home, wording("site.nav.home"))]
        if signedIn.may(.workWithPeople) {
            items += [
                (.caseload, wording("site.nav.caseload")), (.searchPeople, wording("site.nav.find-a-person")),
                (.newPerson, wording("site.nav.record-an-introduction")),
            ]
        }
        if signedIn.may(.workWithCommunity) {
            items += [
                (.communityResources, wording("site.nav.community")),
                (.goodNeighbours, wording("site.nav.good-neighbours")),
            ]
        }
        if signedIn.may(.leadTeam) { items.append((.team, wording("site.nav.team"))) }
        if signedIn.may(.viewDashboard) {
            items += [
                (.dashboard, wording("site.nav.dashboard")), (.sroi, wording("site.nav.sroi")),
                (.programmes, wording("site.nav.programmes")),
            ]
        }
        if signedIn.may(.workWithPeople) || signedIn.may(.viewDashboard) {
            items.append((.stories, wording("site.nav.stories")))
        }
        if signedIn.may(.readAudit) { items.append((.audit, wording("site.nav.audit-log"))) }
        if signedIn.may(.viewNetwork) {
            items.append((.network, wording("site.nav.network")))
        } else if signedIn.may(.readPractice) {
            items.append((.practice, wording("site.nav.practice-library")))
        }
        if signedIn.may(.manageNetwork) { items.append((.networkCouncils, wording("site.nav.councils"))) }
        if signedIn.may(.viewCoverage) { items.append((.coverage, wording("site.nav.coverage"))) }
        if signedIn.may(.manageWards) {
            items += [(.wards, wording("site.nav.wards")), (.settings, wording("site.nav.settings"))]
        }
        if signedIn.may(.manageStaff) { items.append((.staff, wording("site.nav.staff"))) }
        return items
    }

    /// The same address with `lang` set: the switch keeps the page and its other query items.
    static func address(_ request: Request, in language: Language) -> String {
        request.address(setting: LanguageMiddleware.query, to: language.rawValue)
    }
}

extension Request {
    /// This page's address with one query item set (or taken away when `value` is nil), the others kept.
    func address(setting name: String, to value: String?) -> String {
        var components = URLComponents(string: url.string) ?? URLComponents()
        var items = (components.queryItems ?? []).filter { $0.name != name }
        if let value { items.append(URLQueryItem(name: name, value: value)) }
        components.queryItems = items
        return url.path + (items.isEmpty ? "" : "?" + (components.percentEncodedQuery ?? ""))
    }
}

/// A field-level problem for the error summary at the top of a form.
struct FormError: Encodable {
    let field: String
    let message: String
    /// The box of a three-box date that is wrong ("day", "month", "year"), for its highlight and the summary's link.
    var part: String? = nil
    /// The id of the control the summary links to, when it is not the field's name (a form shown more than once
    /// on a page, or a date's box).
    var target: String? = nil

    enum CodingKeys: String, CodingKey { case field, message, part, target }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(part, forKey: .part)
        try container.encode(target ?? Self.target(field, part), forKey: .target)
    }

    /// The id of the control a problem is about: the field's own, or the box of a date (its first box when the
    /// whole date is wrong).
    static func target(_ id: String, _ part: String?) -> String {
        switch part {
        case nil: id
        case DayInput.wholeDate: id + "-day"
        case let part?: id + "-" + part
        }
    }
}

/// Every problem a form had, each beside its field: thrown by a check that looks at the whole form before
/// anything is saved, so the page shows them all at once.
struct FormProblems: Error {
    var errors: [FormError] = []

    var isEmpty: Bool { errors.isEmpty }

    mutating func add(_ field: String, _ message: String, part: String? = nil) {
        errors.append(FormError(field: field, message: message, part: part))
    }

    /// The day typed in `field`, checked: yyyy-MM-dd, nil when left empty and not `required`, or nil with the
    /// problem noted (naming the box that is wrong). `latest` refuses a day after it (today, for things that
    /// have happened).
    mutating func day(_ typed: DayInput, field: String, required: Bool = true, latest: String? = nil) -> String? {
        switch typed.parsed(latest: latest) {
        case .success(let day?): return day
        case .success(nil):
            if required { add(field, DayProblemWording.message(.missing), part: DayInput.wholeDate) }
            return nil
        case .failure(let problem):
            add(
                field, DayProblemWording.message(problem),
                part: problem.wholeDate ? DayInput.wholeDate : problem.part.rawValue)
            return nil
        }
    }

    /// A whole number typed in `field`, in `range`; nil when left empty.
    mutating func number(_ text: String?, field: String, in range: ClosedRange<Int>, message: String) -> Int? {
        guard let text = text?.trimmedOrNil else { return nil }
        guard text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text),
            range.contains(value)
        else {
            add(field, message)
            return nil
        }
        return value
    }

    /// Problems with what was sent (every one a whole-form check found, or one an area's rules refused)
    /// added to these, worded by `ProblemWording`. Anything else (a conflict, a record not found) is thrown on.
    mutating func add(_ error: any Error) throws {
        switch error {
        case let validation as AlongsideValidation: errors += validation.problems.map(FormError.init)
        case let problem as any DomainProblem where problem.kind == .invalid: errors.append(FormError(problem))
        case let more as FormProblems: errors += more.errors
        default: throw error
        }
    }

    /// The problems with what was sent in `error`, when that is what it is: for a page that shows them
    /// beside the form instead of on the error page.
    static func of(_ error: any Error) -> FormProblems? {
        var found = FormProblems()
        guard (try? found.add(error)) != nil else { return nil }
        return found
    }

    /// Throws these problems when there are any.
    func check() throws {
        if !errors.isEmpty { throw self }
    }
}

/// What is wrong with a typed day, in the reader's words: the part to correct and why.
enum DayProblemWording {
    static func message(_ problem: DayInput.Problem) -> String {
        switch problem {
        case .missing: Wording.current("people.date.enter-a-date")
        case .incomplete(let missing):
            switch missing {
            case [.day]: Wording.current("people.date.must-include-a-day")
            case [.month]: Wording.current("people.date.must-include-a-month")
            case [.year]: Wording.current("people.date.must-include-a-year")
            case [.day, .month]: Wording.current("people.date.must-include-a-day-and-month")
            case [.day, .year]: Wording.current("people.date.must-include-a-day-and-year")
            default: Wording.current("people.date.must-include-a-month-and-year")
            }
        case .notNumbers(.day): Wording.current("people.date.day-in-numbers")
        case .notNumbers(.month): Wording.current("people.date.month-in-numbers")
        case .notNumbers(.year): Wording.current("people.date.year-in-numbers")
        case .noSuchMonth: Wording.current("people.date.month-from-1-to-12")
        case .noSuchDay(let lastDay, let month):
            Wording.current("people.date.no-such-day", LondonTime.monthName(month), lastDay)
        case .dayZero(let lastDay): Wording.current("people.date.day-from-1", lastDay)
        case .yearNotFourDigits: Wording.current("people.date.year-four-digits")
        case .yearTooEarly(let earliest): Wording.current("people.date.year-too-early", earliest)
        case .yearTooLate(let latest): Wording.current("people.date.year-too-late", latest)
        case .afterToday: Wording.current("people.date.today-or-earlier")
        case .unreadable: Wording.current("people.page.enter-the-date-as-day-month")
        }
    }
}

extension Request {
    /// The day typed in the date field `name`: its three boxes (`name-day`, `name-month`, `name-year`) when the
    /// form sent any of them, else the single field `name` ("3/4/2026" or "2026-04-03") older forms and API
    /// clients send.
    func typedDay(_ name: String, single: String? = nil) -> DayInput {
        let boxes = DayInput.Part.allCases.map { content[String.self, at: name + "-" + $0.rawValue] }
        let single = content[String.self, at: single ?? name]
        // Boxes sent empty beside a single field that holds a date: the single field is what was typed.
        let boxesEmpty = boxes.allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        if boxes.contains(where: { $0 != nil }), !(boxesEmpty && (single ?? "").trimmedOrNil != nil) {
            return DayInput(day: boxes[0] ?? "", month: boxes[1] ?? "", year: boxes[2] ?? "")
        }
        return DayInput(single: single ?? "")
    }
}

extension DayInput {
    /// A problem's `part` when it is about the whole date rather than one box.
    static let wholeDate = "date"

    /// The boxes as posted values, to show what was typed again: `name-day`, `name-month`, `name-year`.
    func posted(as name: String) -> [String: String] {
        [name + "-day": day, name + "-month": month, name + "-year": year]
    }

    /// The boxes from a form's posted values, when they are there.
    static func posted(_ posted: [String: String], as name: String) -> DayInput? {
        guard let day = posted[name + "-day"], let month = posted[name + "-month"], let year = posted[name + "-year"]
        else { return nil }
        return DayInput(day: day, month: month, year: year)
    }
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
            let language = Wording.current.language
            lock.lock()
            defer { lock.unlock() }
            let key = pattern + "|" + zone.identifier + "|" + language.rawValue
            if let formatter = made[key] { return formatter.string(from: date) }
            let formatter = DateFormatter()
            formatter.locale = language.locale
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

    /// "3 March 2026" in Europe/London ("3 Mawrth 2026" in Welsh: the request's language).
    static func date(_ date: Date) -> String { format(date, "d MMMM yyyy") }

    /// "3 March 2026" from an ISO day (yyyy-MM-dd).
    static func day(_ iso: String) -> String {
        guard let date = ISODay.date(iso) else { return iso }
        return format(date, "d MMMM yyyy")
    }

    /// "November" ("Tachwedd" in Welsh) for month 11.
    static func monthName(_ month: Int) -> String {
        guard (1...12).contains(month), let date = ISODay.date("2026-\(month < 10 ? "0" : "")\(month)-15") else {
            return String(month)
        }
        return format(date, "LLLL")
    }

    /// "Mar 2026" from "2026-03".
    static func month(_ key: String) -> String {
        let parts = key.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...12).contains(parts[1]) else { return key }
        if Wording.current.language != .english, let date = ISODay.date(key + "-15") { return format(date, "MMM yyyy") }
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(names[parts[1] - 1]) \(parts[0])"
    }

    /// "3/4/1950" from "1950-04-03", for a date field.
    static func slashDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    /// The day in London as yyyy-MM-dd.
    static func isoDay(_ date: Date) -> String { ISODay.string(date) }

    /// Today as "22/11/2026", for prefilling date fields.
    static func inputDate(_ date: Date) -> String { format(date, "d/M/yyyy") }

    /// "3 March 2026, 14:05" in Europe/London.
    static func dateTime(_ date: Date) -> String { format(date, "d MMMM yyyy, HH:mm") }
}
