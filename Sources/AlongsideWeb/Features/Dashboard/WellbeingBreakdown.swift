import AlongsideCore
import AlongsideStore
import Foundation

/// Distance travelled on SWEMWBS and UCLA-3, broken down by ward, coordinator and label. A group with
/// fewer than `minimumPaired` paired people shows no mean, so no one person's scores can be read off.
struct WellbeingBreakdown: Encodable {
    static let minimumPaired = 3

    struct Row: Encodable {
        let group: String
        let swemwbsPaired: Int
        let swemwbsChange: String
        let uclaPaired: Int
        let uclaChange: String
    }

    struct Table: Encodable {
        let id: String
        let title: String
        let rows: [Row]
    }

    let tables: [Table]

    static func change(_ cohort: DistanceTravelled.Cohort) -> String {
        guard cohort.paired >= minimumPaired, let change = cohort.meanChange else {
            return cohort.paired == 0 ? "–" : "too few to say"
        }
        return change > 0 ? "+\(change)" : "\(change)"
    }

    static func make(
        swemwbs: [DistanceTravelled.Reading], ucla: [DistanceTravelled.Reading], people: [Person.ID: PersonGroups],
        wardNames: [Ward.ID: String], coordinatorNames: [StaffMember.ID: String]
    ) -> WellbeingBreakdown {
        func table(_ id: String, _ title: String, _ keys: (PersonGroups) -> [String]) -> Table {
            var swemwbsByGroup: [String: [DistanceTravelled.Reading]] = [:]
            var uclaByGroup: [String: [DistanceTravelled.Reading]] = [:]
            for reading in swemwbs {
                for key in people[reading.personID].map(keys) ?? [] { swemwbsByGroup[key, default: []].append(reading) }
            }
            for reading in ucla {
                for key in people[reading.personID].map(keys) ?? [] { uclaByGroup[key, default: []].append(reading) }
            }
            let groups = Set(swemwbsByGroup.keys).union(uclaByGroup.keys).sorted()
            return Table(
                id: id, title: title,
                rows: groups.map { group in
                    let a = DistanceTravelled.cohort(swemwbsByGroup[group] ?? [])
                    let b = DistanceTravelled.cohort(uclaByGroup[group] ?? [])
                    return Row(
                        group: group, swemwbsPaired: a.paired, swemwbsChange: change(a), uclaPaired: b.paired,
                        uclaChange: change(b))
                })
        }
        return WellbeingBreakdown(tables: [
            table("by-ward", Wording.current("dashboard.page.by-ward")) {
                [$0.wardID.flatMap { wardNames[$0] } ?? Wording.current("dashboard.page.no-ward")]
            },
            table("by-coordinator", Wording.current("dashboard.page.by-coordinator")) {
                [
                    $0.coordinatorID.flatMap { coordinatorNames[$0] }
                        ?? Wording.current("dashboard.page.no-coordinator-now")
                ]
            },
            table("by-label", Wording.current("dashboard.page.by-label")) { $0.categories.map(\.label) },
        ])
    }
}
