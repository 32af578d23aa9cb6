import AlongsideCore
import Foundation

extension FigureSummaries {
    /// The figures' summaries of the people a bulk load writes (the scale generator), worked out from the rows
    /// as they are written instead of read back from the database afterwards: each person's rows are taken
    /// from the history just as `read` would find them once written (`rows(of:)`), and worked out by `work`,
    /// as a rebuild does, so there is one definition of each figure. The loader writes each chunk's parts
    /// (`figure_contributions`) with its rows, and the council's totals (`figure_summaries`) with its last
    /// chunk; `CommandTests` checks they equal a rebuild's on both databases.
    ///
    /// Only for people new to a council the load sets up itself (no part kept before, no marks pending),
    /// whose dates survive the database as they are (whole seconds: PostgreSQL keeps microseconds).
    public struct Loaded: Sendable {
        /// The council's totals so far, by slot (period and code, `Contribution.slot`), and of the codes kept
        /// by ward by ward and slot: put together as `figure_summaries` codes (`Code.inWard`) only once, at the
        /// council's end.
        var totals: [Int: Int] = [:]
        var byWard: [Int: Int] = [:]
        /// The periods of the days met so far and the numbers of periods, codes and wards, for the whole load.
        var calendar = Contribution.PeriodCache()

        public init() {}

        /// Starts on the next council: its totals from nothing.
        public mutating func startCouncil() {
            totals = [:]
            byWard = [:]
        }

        /// Works out the parts of the history's people (`Contribution.of`, as `work` does for a rebuild), adds
        /// them to the council's totals, and returns the parts as rows of `figure_contributions`. Nobody had a
        /// part before, so each part is its own difference.
        public mutating func add(_ history: BulkLoad.History, councilID: Council.ID) -> BulkLoad.Rows {
            let (people, rows) = FigureSummaries.rows(of: history)
            let council = councilID.uuid
            var values: [[any BulkValue]] = []
            values.reserveCapacity(people.count)
            for (index, person) in people.enumerated() {
                let part = Contribution.of(rows[index], calendar: &calendar)
                guard !part.isEmpty else { continue }
                part.add(to: &totals, byWard: &byWard, names: calendar)
                values.append([person, council, part.text(calendar)])
            }
            return BulkLoad.Rows(
                table: "figure_contributions", columns: ["person_id", "council_id", "document"], values: values)
        }

        /// The council's totals as rows of `figure_summaries` (those not zero, as `write` leaves them).
        public func summaries(councilID: Council.ID) -> BulkLoad.Rows {
            let council = councilID.uuid
            var values: [[any BulkValue]] = []
            let named = Contribution.named(totals: totals, byWard: byWard, names: calendar)
            for (key, codes) in named.sorted(by: { $0.key < $1.key }) {
                for (code, amount) in codes.sorted(by: { $0.key < $1.key }) where amount != 0 {
                    values.append([council, key, code, amount])
                }
            }
            return BulkLoad.Rows(
                table: "figure_summaries", columns: ["council_id", "period_key", "code", "total"], values: values)
        }
    }

    /// The rows a figure reads of each person in the history, as `read` finds them once the history is
    /// written (`BulkLoad.rows`): nothing struck out or merged, the measures recorded at the history's
    /// `recordedAt`, the journey events with the ids they are written with.
    static func rows(of history: BulkLoad.History) -> (people: [UUID], rows: [PersonRows]) {
        var index: [UUID: Int] = [:]
        var rows: [PersonRows] = []
        rows.reserveCapacity(history.people.count)
        for person in history.people {
            index[person.id.uuid] = rows.count
            var own = PersonRows()
            own.exists = true
            own.level = person.level.rawValue
            own.categories = person.categories.map(\.rawValue)
            own.wardID = person.wardID?.uuid
            rows.append(own)
        }
        for (introduction, _) in history.introductions {
            guard let at = index[introduction.personID.uuid] else { continue }
            rows[at].introductions.append((introduction.receivedAt, introduction.source.rawValue))
        }
        for conversation in history.conversations {
            guard let at = index[conversation.personID.uuid] else { continue }
            rows[at].conversationDays.append(conversation.happenedOn)
        }
        for outcome in history.outcomes {
            guard let at = index[outcome.personID.uuid] else { continue }
            rows[at].outcomes.append((outcome.happenedOn, outcome.kind.rawValue))
        }
        for (id, event) in zip(history.madeIDs().events, history.events) {
            guard let at = index[event.0.uuid], event.1 == "level" || event.1 == "ward" else { continue }
            let row = (event.6, id.uuidString, event.2, event.3)
            if event.1 == "level" { rows[at].levelEvents.append(row) } else { rows[at].wardEvents.append(row) }
        }
        for measure in history.measures where !measure.declined {
            guard let at = index[measure.personID.uuid], let hundredths = measure.headlineHundredths else { continue }
            let reading = Wellby.Reading(
                personID: measure.personID, takenOn: measure.takenOn, recordedAt: history.recordedAt,
                id: measure.id.uuid, hundredths: hundredths)
            switch measure.kind {
            case .swemwbs: rows[at].swemwbs.append(reading)
            case .ons4: rows[at].ons4.append(reading)
            case .ucla3: continue
            }
        }
        return (history.people.map(\.id.uuid), rows)
    }
}
