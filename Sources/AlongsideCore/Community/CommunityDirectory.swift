import Foundation

/// Rules of a council's community directory: the starter categories, how long before a resource is
/// checked again, what a staff edit must hold, and what changed between two versions.
public enum CommunityDirectory {
    /// A resource not checked for this many days is flagged for review.
    public static let reviewDays = 180

    public static let categoriesName = "Alongside community categories"

    /// The starter categories a council's directory begins with. Codes are stable; ids are the council's own.
    public static let starterCategories: [(code: String, name: String, description: String)] = [
        ("lunch-clubs", "Lunch clubs and food", "Lunch clubs, community cafés and shared meals."),
        ("walking", "Walking and exercise", "Walking groups, gentle exercise, sport for all."),
        ("mens-sheds", "Men's sheds and making", "Sheds, repair cafés, crafts and making things together."),
        ("food-banks", "Food banks and pantries", "Food banks, pantries and community fridges."),
        ("faith", "Faith groups", "Churches, mosques, temples, gurdwaras and other faith communities."),
        ("advice", "Advice drop-ins", "Money, benefits, housing and legal advice in person."),
        ("arts", "Arts, music and singing", "Choirs, art groups, music and drama."),
        ("carers", "Carers' support", "Groups and breaks for people who care for someone."),
        ("young-people", "Young people", "Youth clubs and groups for children and young people."),
        ("wellbeing", "Mental wellbeing", "Peer support, talking groups and wellbeing activities."),
        ("learning", "Learning and skills", "Classes, digital skills, reading and conversation groups."),
        ("volunteering", "Volunteering", "Places to give time and help others."),
        ("gardening", "Gardening and nature", "Community gardens, allotments and conservation groups."),
        ("social", "Social groups and clubs", "Coffee mornings, friendship groups, clubs and societies."),
    ]

    /// Checks a resource before a member of staff saves it.
    public static func problems(_ resource: CommunityResource) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let name = resource.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 120 {
            problems.append(
                FieldProblem(field: "name", message: "Enter the name people know it by, up to 120 characters."))
        }
        if resource.description.count > 5_000 {
            problems.append(FieldProblem(field: "description", message: "Keep the description under 5,000 characters."))
        }
        if let email = resource.email, !StaffMember.isPlausibleEmail(email) {
            problems.append(FieldProblem(field: "email", message: "Enter an email address like name@example.com."))
        }
        if let url = resource.url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.count < 10 {
            problems.append(FieldProblem(field: "url", message: "Enter a web address starting https://"))
        }
        for age in [resource.minimumAge, resource.maximumAge].compactMap({ $0 }) where !(0...120).contains(age) {
            problems.append(FieldProblem(field: "minimumAge", message: "Ages are whole years from 0 to 120."))
        }
        if let low = resource.minimumAge, let high = resource.maximumAge, low > high {
            problems.append(
                FieldProblem(field: "maximumAge", message: "The oldest age must not be below the youngest."))
        }
        for schedule in resource.schedules {
            if schedule.frequency == .described && (schedule.description ?? "").isEmpty {
                problems.append(FieldProblem(field: "day", message: "Say in words when it meets."))
            }
            if [.weekly, .monthly].contains(schedule.frequency) && schedule.days.isEmpty {
                problems.append(FieldProblem(field: "day", message: "Choose the day it meets."))
            }
            if schedule.frequency == .once && schedule.startsOn.flatMap(ISODay.date) == nil {
                problems.append(FieldProblem(field: "startsOn", message: "Enter the date of the one-off event."))
            }
            for time in [schedule.opensAt, schedule.closesAt].compactMap({ $0 }) where !Schedule.isTime(time) {
                problems.append(FieldProblem(field: "opensAt", message: "Enter times on a 24-hour clock, like 12:30."))
            }
        }
        for site in resource.sites where Postcode(site.location.postcode) == nil {
            problems.append(
                FieldProblem(field: "postcode", message: "Enter the postcode of where it meets, like DE1 2FS."))
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
}
