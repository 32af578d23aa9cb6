import Foundation

/// How far one person's score must move, first reading to latest, to count as a meaningful change, as the
/// measure's authors publish it; and the count of people who improved, stayed the same or worsened.
extension MeasureKind {
    /// Whether a higher score is better (UCLA-3 counts loneliness, so lower is better there).
    public var higherIsBetter: Bool { self != .ucla3 }

    /// The smallest change in one person's headline score (in hundredths) that counts as meaningful, or nil
    /// when the measure's authors publish none (then any change counts, and the page says so).
    ///
    /// - SWEMWBS: 3 metric points. Shah N, Cader M, Andrews B, McCabe R, Stewart-Brown SL. "Responsiveness of
    ///   the Short Warwick Edinburgh Mental Well-Being Scale (SWEMWBS): evaluation a clinical sample", Health
    ///   and Quality of Life Outcomes 16:239 (2018), doi:10.1186/s12955-018-1060-2: "at individual level a
    ///   change of between 1 and 3 points meets thresholds for statistically important change, depending on
    ///   standard used". Alongside takes the stricter end, 3 points.
    /// - UCLA-3 (Hughes et al., Research on Aging 26(6), 2004) and ONS4 (Office for National Statistics)
    ///   publish no threshold for a meaningful individual change.
    public var meaningfulChangeHundredths: Int? {
        switch self {
        case .swemwbs: return 300
        case .ucla3, .ons4: return nil
        }
    }

    /// The source of the threshold, or why there is none, in the request's language.
    public var meaningfulChangeSource: String {
        switch self {
        case .swemwbs: return Wording.current("figures.meaningful.swemwbs")
        case .ucla3: return Wording.current("figures.meaningful.ucla3")
        case .ons4: return Wording.current("figures.meaningful.ons4")
        }
    }
}

/// People with paired readings on one measure, by the direction of their own change.
public struct IndividualChange: Sendable, Equatable {
    public var improved: Int
    public var same: Int
    public var worsened: Int

    public init(improved: Int = 0, same: Int = 0, worsened: Int = 0) {
        self.improved = improved
        self.same = same
        self.worsened = worsened
    }

    public var paired: Int { improved + same + worsened }

    /// Which way one person's change (latest − first, in hundredths) goes on `kind`.
    public static func direction(of change: Int, on kind: MeasureKind) -> Int {
        let better = kind.higherIsBetter ? change : -change
        let threshold = kind.meaningfulChangeHundredths ?? 100
        return better >= threshold ? 1 : better <= -threshold ? -1 : 0
    }
}
