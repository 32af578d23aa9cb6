import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The "Connections and contributions" part of a person's record.
struct PersonCommunity: Encodable {
    struct ConnectionRow: Encodable {
        let name: String
        let href: String?
        let kind: String
        let started: String
        let ended: String?
        let lasting: String?
        let askLasting: Bool
        let lastingPath: String
        let endPath: String
        let edit: String?
        let corrected: Bool
    }

    struct ContributionRow: Encodable {
        let kind: String
        let what: String
        let started: String
        let edit: String?
        let corrected: Bool
    }

    struct HelpRow: Encodable {
        let kind: String
        let neededOn: String
        let status: String
        let href: String
    }

    let connections: [ConnectionRow]
    let help: [HelpRow]
    let helpPath: String
    let helpOptions: [ChoiceOption]
    let contributions: [ContributionRow]
    let connectPath: String
    let contributePath: String
    let findPath: String
    let kindOptions: [ChoiceOption]
    let contributionOptions: [ChoiceOption]

    /// `editor` and `corrected` (the ids of entries corrected) come from the record's page, which works them
    /// out once for every part of the record.
    static func build(
        req: Request, record: PersonRecord, posted: [String: String], editor: EntryEditor, corrected: Set<UUID>
    ) -> (PersonCommunity, [Connection]) {
        let person = record.person
        let today = ISODay.string(req.now)
        let connectionStates = record.entryStates[.connection] ?? [:]
        let contributionStates = record.entryStates[.contribution] ?? [:]
        // An erased record's neighbours keep no name: they read "A neighbour" here and on the map.
        let connections = record.connections.map {
            var shown = $0
            shown.name = ErasedWords.connection($0.name, kind: $0.kind)
            return shown
        }
        let rows = connections.map { connection in
            let lasting = SitePath.person(.value(person.id), .connectionLasting(.value(connection.id))).path
            let end = SitePath.person(.value(person.id), .connectionEnd(.value(connection.id))).path
            return ConnectionRow(
                name: connection.name,
                href: connection.resourceID.map { SitePath.communityResource(.value($0), .record).path },
                kind: connection.kind.label, started: LondonTime.day(connection.startedOn),
                ended: connection.endedOn.map(LondonTime.day),
                lasting: connection.lasting.map {
                    $0
                        ? Wording.current("people.page.still-going-at-three-months")
                        : Wording.current("people.page.did-not-last-three-months")
                },
                askLasting: connection.isDueForLastingCheck(on: today), lastingPath: lasting,
                endPath: end, edit: editor.markup(.connection, connectionStates[connection.id.uuid]),
                corrected: corrected.contains(connection.id.uuid))
        }
        let section = PersonCommunity(
            connections: rows,
            help: record.helpRequests.map {
                HelpRow(
                    kind: $0.kind.label, neededOn: LondonTime.day($0.neededOn), status: $0.status.label,
                    href: SitePath.helpRequest(.value($0.id), .record).path)
            },
            helpPath: SitePath.person(.value(person.id), .helpRequests).path,
            helpOptions: HelpKind.allCases.map {
                ChoiceOption(value: $0.rawValue, label: $0.label, selected: posted["helpKind"] == $0.rawValue)
            },
            contributions: record.contributions.map {
                ContributionRow(
                    kind: $0.kind.label, what: ErasedWords.entry($0.what), started: LondonTime.day($0.startedOn),
                    edit: editor.markup(.contribution, contributionStates[$0.id.uuid]),
                    corrected: corrected.contains($0.id.uuid))
            },
            connectPath: SitePath.person(.value(person.id), .connections).path,
            contributePath: SitePath.person(.value(person.id), .contributions).path,
            findPath: SitePath.communityResources.path + "?for=\(person.id)&postcode="
                + (person.postcode.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
            kindOptions: [Connection.Kind.group, .neighbour].map {
                ChoiceOption(value: $0.rawValue, label: $0.label, selected: posted["connectionKind"] == $0.rawValue)
            },
            contributionOptions: Contribution.Kind.allCases.map {
                ChoiceOption(value: $0.rawValue, label: $0.label, selected: posted["contributionKind"] == $0.rawValue)
            })
        return (section, connections.filter { $0.endedOn == nil && $0.lasting != false })
    }
}
