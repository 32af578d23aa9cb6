import Foundation

/// Reads a council's directory spreadsheet (saved as CSV) into resources. One row a resource; a header
/// row names the columns, in any order, any case:
/// `name`, `organisation`, `address`, `town`, `postcode` (required); `description`, `category` (names
/// or codes, `;` between several), `day` (Tuesday, or TU;TH), `frequency` (weekly, monthly, once;
/// weekly unless said), `date` (yyyy-mm-dd, for once), `opens`, `closes` (24-hour), `venue`, `phone`,
/// `email`, `website`, `cost`, `minimum_age`, `maximum_age`, `id` (a UUID, to update a resource).
/// A row without an id keeps the same id on every import (made from its organisation, name and postcode),
/// so importing an updated sheet updates rather than duplicates. Any bad row rejects the whole file.
public enum DirectorySpreadsheet {
    public static let required = ["name", "organisation", "address", "town", "postcode"]
    public static let known =
        required + [
            "description", "category", "day", "frequency", "date", "opens", "closes", "venue", "phone", "email",
            "website", "cost", "minimum_age", "maximum_age", "id",
        ]

    public struct Sheet: Sendable {
        public var organisations: [CommunityOrganisation]
        public var resources: [CommunityResource]
    }

    /// Parses the sheet. `terms` are the council's categories; `organisations` the ones it has already,
    /// matched by name so a sheet does not make duplicates. Problems name the line and column to fix.
    public static func parse(
        _ text: String, terms: [TaxonomyTerm], organisations existing: [CommunityOrganisation], now: Date
    ) throws(FileProblem) -> Sheet {
        let rows = CSV.rows(text)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }), !header.isEmpty
        else { throw FileProblem(line: 1, .noSpreadsheetHeader) }
        if let missing = required.first(where: { !header.contains($0) }) {
            throw FileProblem(line: 1, .missingColumn(missing, required: required))
        }
        if let unknown = header.first(where: { !known.contains($0) && !$0.isEmpty }) {
            throw FileProblem(line: 1, .unknownColumn(unknown, known: known))
        }
        var organisations = Dictionary(existing.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var added: [CommunityOrganisation] = []
        var resources: [CommunityResource] = []
        var seen: [UUID: Int] = [:]
        for (index, row) in rows.enumerated().dropFirst() {
            let line = index + 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func value(_ column: String) -> String? {
                guard let at = header.firstIndex(of: column), at < row.count else { return nil }
                let text = row[at].trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : text
            }
            for column in required where value(column) == nil {
                throw FileProblem(line: line, .emptyCell(column: column))
            }
            let organisationName = value("organisation") ?? ""
            let organisation: CommunityOrganisation
            if let known = organisations[organisationName.lowercased()] {
                organisation = known
            } else {
                organisation = CommunityOrganisation(
                    id: .init(uuid(named: "organisation|" + organisationName.lowercased())), name: organisationName,
                    description: "")
                organisations[organisationName.lowercased()] = organisation
                added.append(organisation)
            }
            let name = value("name") ?? ""
            let postcode = value("postcode") ?? ""
            let id: UUID
            if let given = value("id") {
                guard let parsed = UUID(uuidString: given) else {
                    throw FileProblem(line: line, .notAnID(given))
                }
                id = parsed
            } else {
                id = uuid(named: [organisationName, name, postcode].map { $0.lowercased() }.joined(separator: "|"))
            }
            if let earlier = seen[id] {
                throw FileProblem(line: line, .repeatedResource(earlierLine: earlier))
            }
            seen[id] = line
            var termIDs: [TaxonomyTerm.ID] = []
            for wanted in (value("category") ?? "").split(separator: ";").map({
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }) where !wanted.isEmpty {
                guard let term = terms.first(where: { $0.name.lowercased() == wanted || $0.code == wanted }) else {
                    throw FileProblem(line: line, .notACategory(wanted, categories: terms.map(\.name)))
                }
                termIDs.append(term.id)
            }
            var schedules: [Schedule] = []
            let frequencyText = value("frequency")?.lowercased() ?? "weekly"
            guard
                let frequency = ["weekly": Schedule.Frequency.weekly, "monthly": .monthly, "once": .once][frequencyText]
            else {
                throw FileProblem(line: line, .unknownFrequency(frequencyText))
            }
            if value("day") != nil || value("date") != nil {
                let days = try (value("day") ?? "").split(whereSeparator: { $0 == ";" || $0 == "," }).map {
                    (text) throws(FileProblem) -> String in
                    guard let day = Weekday(code: String(text)) else {
                        throw FileProblem(line: line, .notAWeekday(String(text)))
                    }
                    return day.rawValue
                }
                schedules.append(
                    Schedule(
                        id: uuid(named: "schedule|\(id)"), frequency: frequency, interval: 1,
                        byDay: days.isEmpty ? nil : days.joined(separator: ","), opensAt: value("opens"),
                        closesAt: value("closes"), startsOn: value("date").flatMap { Person.isoDate($0) ?? $0 }))
            }
            func age(_ column: String) throws(FileProblem) -> Int? {
                guard let text = value(column) else { return nil }
                guard let number = Int(text) else {
                    throw FileProblem(line: line, .notWholeYears(column: column, text: text))
                }
                return number
            }
            let resource = CommunityResource(
                id: .init(id), organisationID: organisation.id, name: name, description: value("description") ?? "",
                url: value("website"), email: value("email"), fees: value("cost"), minimumAge: try age("minimum_age"),
                maximumAge: try age("maximum_age"),
                contacts: value("phone").map {
                    [
                        .init(
                            id: uuid(named: "contact|\(id)"),
                            phones: [.init(id: uuid(named: "phone|\(id)"), number: $0)])
                    ]
                }
                    ?? [],
                schedules: schedules,
                sites: [
                    .init(
                        id: uuid(named: "site|\(id)"),
                        location: .init(
                            id: uuid(named: "location|\(id)"), name: value("venue"),
                            addressID: uuid(named: "address|\(id)"),
                            address1: value("address") ?? "", city: value("town") ?? "", postcode: postcode))
                ], termIDs: termIDs, checkedOn: ISODay.string(now), lastModified: now)
            if let problem = CommunityDirectory.problems(resource).first {
                throw FileProblem(line: line, .resource(problem, column: column(for: problem.field ?? "")))
            }
            resources.append(resource)
        }
        if resources.isEmpty { throw FileProblem(line: 2, .noResources) }
        return Sheet(organisations: added, resources: resources)
    }

    static func column(for field: String) -> String {
        switch field {
        case "url": return "website"
        case "minimumAge": return "minimum_age"
        case "maximumAge": return "maximum_age"
        case "opensAt": return "opens/closes"
        case "startsOn": return "date"
        default: return field
        }
    }

    /// The same UUID for the same name, every time (FNV-1a seeding SplitMix64).
    public static func uuid(named name: String) -> UUID {
        var generator = SeededGenerator(
            seed: name.utf8.reduce(1_469_598_103_934_665_603) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 })
        return generator.uuid()
    }
}
