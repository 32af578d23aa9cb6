import Foundation

/// Rules of a council's community directory: the starter categories, how long before a resource is
/// checked again, what a staff edit must hold, and what changed between two versions.
public enum CommunityDirectory {
    /// A resource not checked for this many days is flagged for review.
    public static let reviewDays = 180

    public static let categoriesName = "Alongside community categories"

    /// The starter categories a council's directory begins with. Codes are stable; ids are the council's own.
    public static var starterCategories: [(code: String, name: String, description: String)] {
        [
            (
                "lunch-clubs", Wording.current("directory.label.lunch-clubs-and-food"),
                Wording.current("directory.label.lunch-clubs-community-caf-s-and")
            ),
            (
                "walking", Wording.current("directory.label.walking-and-exercise"),
                Wording.current("directory.label.walking-groups-gentle-exercise-sport-for")
            ),
            (
                "mens-sheds", Wording.current("directory.label.mens-sheds-and-making"),
                Wording.current("directory.label.sheds-repair-caf-s-crafts-and")
            ),
            (
                "food-banks", Wording.current("directory.label.food-banks-and-pantries"),
                Wording.current("directory.label.food-banks-pantries-and-community-fridges")
            ),
            (
                "faith", Wording.current("directory.label.faith-groups"),
                Wording.current("directory.label.churches-mosques-temples-gurdwaras-and-other")
            ),
            (
                "advice", Wording.current("directory.label.advice-drop-ins"),
                Wording.current("directory.label.money-benefits-housing-and-legal-advice")
            ),
            (
                "arts", Wording.current("directory.label.arts-music-and-singing"),
                Wording.current("directory.label.choirs-art-groups-music-and-drama")
            ),
            (
                "carers", Wording.current("directory.label.carers-support"),
                Wording.current("directory.label.groups-and-breaks-for-people-who")
            ),
            (
                "young-people", Wording.current("directory.label.young-people"),
                Wording.current("directory.label.youth-clubs-and-groups-for-children")
            ),
            (
                "wellbeing", Wording.current("directory.label.mental-wellbeing"),
                Wording.current("directory.label.peer-support-talking-groups-and-wellbeing")
            ),
            (
                "learning", Wording.current("directory.label.learning-and-skills"),
                Wording.current("directory.label.classes-digital-skills-reading-and-conversation")
            ),
            (
                "volunteering", Wording.current("directory.label.volunteering"),
                Wording.current("directory.label.places-to-give-time-and-help")
            ),
            (
                "gardening", Wording.current("directory.label.gardening-and-nature"),
                Wording.current("directory.label.community-gardens-allotments-and-conservation-groups")
            ),
            (
                "social", Wording.current("directory.label.social-groups-and-clubs"),
                Wording.current("directory.label.coffee-mornings-friendship-groups-clubs-and")
            ),
        ]
    }

    /// Checks a resource before a member of staff saves it.
    public static func problems(_ resource: CommunityResource) -> [DirectoryProblem] {
        var problems: [DirectoryProblem] = []
        let name = resource.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 120 {
            problems.append(
                DirectoryProblem.nameMissing)
        }
        if resource.description.count > 5_000 {
            problems.append(
                DirectoryProblem.descriptionTooLong)
        }
        if let email = resource.email, !StaffMember.isPlausibleEmail(email) {
            problems.append(
                DirectoryProblem.emailUnusable)
        }
        if let url = resource.url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.count < 10 {
            problems.append(
                DirectoryProblem.webAddressUnusable)
        }
        for age in [resource.minimumAge, resource.maximumAge].compactMap({ $0 }) where !(0...120).contains(age) {
            problems.append(
                DirectoryProblem.ageUnusable)
        }
        if let low = resource.minimumAge, let high = resource.maximumAge, low > high {
            problems.append(
                DirectoryProblem.agesReversed)
        }
        for schedule in resource.schedules {
            if schedule.frequency == .described && (schedule.description ?? "").isEmpty {
                problems.append(
                    DirectoryProblem.whenMissing)
            }
            if [.weekly, .monthly].contains(schedule.frequency) && schedule.days.isEmpty {
                problems.append(
                    DirectoryProblem.dayMissing)
            }
            if schedule.frequency == .once && schedule.startsOn.flatMap(ISODay.date) == nil {
                problems.append(
                    DirectoryProblem.oneOffDayMissing)
            }
            for time in [schedule.opensAt, schedule.closesAt].compactMap({ $0 }) where !Schedule.isTime(time) {
                problems.append(
                    DirectoryProblem.timesUnusable
                )
            }
        }
        for site in resource.sites where Postcode(site.location.postcode) == nil {
            problems.append(
                DirectoryProblem.postcodeUnusable)
        }
        return problems
    }

    /// What changed from one version to the next, in words a team leader can read.
    public static func changes(from old: CommunityResource?, to new: CommunityResource) -> [String] {
        guard let old else { return ["added"] }
        var changed: [String] = []
        if old.name != new.name { changed.append("name") }
        if old.description != new.description { changed.append("description") }
        if old.status != new.status { changed.append("status (\(new.status.label.lowercased()))") }
        if old.organisationID != new.organisationID { changed.append("organisation") }
        if old.url != new.url || old.email != new.email || old.contacts != new.contacts {
            changed.append("contact details")
        }
        if old.fees != new.fees || old.costOptions != new.costOptions { changed.append("cost") }
        if old.minimumAge != new.minimumAge || old.maximumAge != new.maximumAge { changed.append("ages") }
        if old.schedules != new.schedules { changed.append("when it meets") }
        if old.sites != new.sites { changed.append("where it meets") }
        if Set(old.termIDs) != Set(new.termIDs) { changed.append("categories") }
        if old.alert != new.alert { changed.append("notice") }
        if old.checkedOn != new.checkedOn { changed.append("checked") }
        return changed
    }
}

/// A full-text query in the words a person typed: letters and digits only, each word a prefix.
public struct DirectoryQuery: Hashable, Sendable {
    public let words: [String]

    public init(_ text: String) {
        words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
            .filter { !$0.isEmpty }.prefix(12).map { $0 }
    }

    public var isEmpty: Bool { words.isEmpty }

    /// SQLite FTS5: every word must match, as a prefix ("lunch"* "club"*).
    public var fts5: String { words.map { "\"\($0)\"*" }.joined(separator: " ") }

    /// PostgreSQL `to_tsquery('simple', …)`: every word as a prefix ("lunch:* & club:*").
    public var tsquery: String { words.map { "\($0):*" }.joined(separator: " & ") }

    /// The words as the plain (unstemmed) index holds them: Welsh, and any language English stemming would
    /// mangle, found as typed, with or without accents ("côr" and "cor" both find "Côr").
    public var plainWords: [String] { words.map(Self.folded) }

    /// `text` in lower case without accents or other diacritics ("Côr Meibion Ŵyl" → "cor meibion wyl"),
    /// for the plain index and its queries alike, so both sides fold the same way on every database.
    public static func folded(_ text: String) -> String {
        let scalars = text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars.filter {
            !(0x0300...0x036F).contains($0.value)
        }
        return String(String.UnicodeScalarView(scalars)).precomposedStringWithCanonicalMapping
    }
}
