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

    /// The breakdown from cohorts worked out in the database (`WellbeingStore`), keyed by ward id,
    /// coordinator id or label.
    static func make(
        _ cohorts: [WellbeingStore.Grouping: [MeasureKind: [WellbeingStore.Key: DistanceTravelled.Cohort]]],
        wardNames: [Ward.ID: String], coordinatorNames: [StaffMember.ID: String]
    ) -> WellbeingBreakdown {
        func table(_ id: String, _ title: String, _ grouping: WellbeingStore.Grouping, _ name: (String?) -> String)
            -> Table
        {
            let swemwbs = cohorts[grouping]?[.swemwbs] ?? [:]
            let ucla = cohorts[grouping]?[.ucla3] ?? [:]
            let rows = Set(swemwbs.keys).union(ucla.keys).map { key in
                let a = swemwbs[key] ?? .nobody
                let b = ucla[key] ?? .nobody
                return Row(
                    group: name(key.group), swemwbsPaired: a.paired, swemwbsChange: change(a), uclaPaired: b.paired,
                    uclaChange: change(b))
            }
            return Table(id: id, title: title, rows: rows.sorted { $0.group < $1.group })
        }
        return WellbeingBreakdown(tables: [
            table("by-ward", Wording.current("dashboard.page.by-ward"), .ward) {
                $0.flatMap(Ward.ID.init).flatMap { wardNames[$0] } ?? Wording.current("dashboard.page.no-ward")
            },
            table("by-coordinator", Wording.current("dashboard.page.by-coordinator"), .coordinator) {
                $0.flatMap(StaffMember.ID.init).flatMap { coordinatorNames[$0] }
                    ?? Wording.current("dashboard.page.no-coordinator-now")
            },
            table("by-label", Wording.current("dashboard.page.by-label"), .category) {
                $0.flatMap(ReportingCategory.init(rawValue:))?.label ?? ""
            },
        ])
    }
}
