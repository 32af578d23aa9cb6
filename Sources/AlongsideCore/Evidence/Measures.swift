import Foundation

/// Short Warwick-Edinburgh Mental Wellbeing Scale: seven statements about the past two weeks, each
/// 1 (none of the time) to 5 (all of the time); the raw total (7–35) converts to a metric score with
/// the official table.
public enum SWEMWBS {
    public static var items: [String] {
        [
            Wording.current("people.label.ive-been-feeling-optimistic-about-the"),
            Wording.current("people.label.ive-been-feeling-useful"),
            Wording.current("people.label.ive-been-feeling-relaxed"),
            Wording.current("people.label.ive-been-dealing-with-problems-well"),
            Wording.current("people.label.ive-been-thinking-clearly"),
            Wording.current("people.label.ive-been-feeling-close-to-other"),
            Wording.current("people.label.ive-been-able-to-make-up"),
        ]
    }
    public static let answers = ["None of the time", "Rarely", "Some of the time", "Often", "All of the time"]
    public static var copyright: String {
        Wording.current("people.label.short-warwick-edinburgh-mental-well-being")
    }

    /// Raw total → metric score.
    public static let conversion: [Int: Decimal] = [
        7: 7.00, 8: 9.51, 9: 11.25, 10: 12.40, 11: 13.33, 12: 14.08, 13: 14.75, 14: 15.32, 15: 15.84, 16: 16.36,
        17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59, 21: 19.25, 22: 19.98, 23: 20.73, 24: 21.54, 25: 22.35, 26: 23.21,
        27: 24.11, 28: 25.03, 29: 26.02, 30: 27.03, 31: 28.13, 32: 29.31, 33: 30.70, 34: 32.55, 35: 35.00,
    ].mapValues { Decimal(string: String(format: "%.2f", $0))! }

    public struct Score: Equatable, Sendable, Codable {
        public let raw: Int
        public let metric: Decimal
    }

    public static func score(_ answers: [Int]) throws(EvidenceProblem) -> Score {
        guard answers.count == 7 else {
            throw EvidenceProblem.swemwbsIncomplete
        }
        guard answers.allSatisfy({ (1...5).contains($0) }) else {
            throw EvidenceProblem.swemwbsAnswerOutOfRange
        }
        let raw = answers.reduce(0, +)
        return Score(raw: raw, metric: conversion[raw]!)
    }
}

/// ONS personal wellbeing: four separate answers from 0 to 10, never added together.
public enum ONS4 {
    public enum Question: String, CaseIterable, Codable, Sendable {
        case lifeSatisfaction = "life-satisfaction"
        case worthwhile
        case happiness
        case anxiety

        public var text: String {
            switch self {
            case .lifeSatisfaction: return Wording.current("people.label.overall-how-satisfied-are-you-with")
            case .worthwhile:
                return Wording.current("people.label.overall-to-what-extent-do-you")
            case .happiness: return Wording.current("people.label.overall-how-happy-did-you-feel")
            case .anxiety:
                return
                    Wording.current("people.label.on-a-scale-where-0-is")
            }
        }
    }

    public enum Band: String, Codable, Sendable {
        case veryLow = "very low", low, medium, high, veryHigh = "very high"
    }

    /// The ONS thresholds: life satisfaction, worthwhile and happiness 0–4 low, 5–6 medium, 7–8 high,
    /// 9–10 very high; anxiety 0–1 very low, 2–3 low, 4–5 medium, 6–10 high.
    public static func band(_ question: Question, _ answer: Int) throws(EvidenceProblem) -> Band {
        guard (0...10).contains(answer) else {
            throw EvidenceProblem.ons4AnswerOutOfRange(question: question.rawValue)
        }
        if question == .anxiety {
            switch answer {
            case 0...1: return .veryLow
            case 2...3: return .low
            case 4...5: return .medium
            default: return .high
            }
        }
        switch answer {
        case 0...4: return .low
        case 5...6: return .medium
        case 7...8: return .high
        default: return .veryHigh
        }
    }
}

/// UCLA three-item loneliness scale: each answer 1 (hardly ever or never), 2 (some of the time),
/// 3 (often); total 3–9, higher is lonelier.
public enum UCLA3 {
    public static var items: [String] {
        [
            Wording.current("people.label.how-often-do-you-feel-that"),
            Wording.current("people.label.how-often-do-you-feel-left"),
            Wording.current("people.label.how-often-do-you-feel-isolated"),
        ]
    }
    public static let answers = ["Hardly ever or never", "Some of the time", "Often"]

    public static func total(_ answers: [Int]) throws(EvidenceProblem) -> Int {
        guard answers.count == 3 else {
            throw EvidenceProblem.lonelinessIncomplete
        }
        guard answers.allSatisfy({ (1...3).contains($0) }) else {
            throw EvidenceProblem.lonelinessAnswerOutOfRange
        }
        return answers.reduce(0, +)
    }
}

/// Change from a person's first score to their latest, and for a cohort (paired scores only).
public enum DistanceTravelled {
    public struct Reading: Sendable {
        public let personID: Person.ID
        public let takenAt: Date
        public let value: Decimal

        public init(personID: Person.ID, takenAt: Date, value: Decimal) {
            self.personID = personID
            self.takenAt = takenAt
            self.value = value
        }
    }

    public struct Cohort: Equatable, Sendable, Codable {
        /// People with a first and a later score.
        public let paired: Int
        public let meanFirst: Decimal?
        public let meanLatest: Decimal?
        public let meanChange: Decimal?

        /// No one paired.
        public static let nobody = Cohort(paired: 0, meanFirst: nil, meanLatest: nil, meanChange: nil)
    }

    /// The answered readings of measures as points in time, each with its headline figure.
    public static func readings(_ measures: [MeasureReading]) -> [Reading] {
        measures.compactMap { measure in
            guard let value = measure.headline, let day = ISODay.date(measure.takenOn) else { return nil }
            return Reading(personID: measure.personID, takenAt: day, value: value)
        }
    }

    /// Each person's change from first to latest, for people with at least two readings.
    public static func changes(_ readings: [Reading]) -> [Person.ID: (first: Decimal, latest: Decimal)] {
        var result: [Person.ID: (first: Decimal, latest: Decimal)] = [:]
        for (person, own) in Dictionary(grouping: readings, by: \.personID) where own.count >= 2 {
            let sorted = own.sorted { $0.takenAt < $1.takenAt }
            result[person] = (sorted.first!.value, sorted.last!.value)
        }
        return result
    }

    /// A cohort from sums worked out elsewhere (the database): `paired` people whose first readings add up
    /// to `firstHundredths` hundredths and latest to `latestHundredths`. Rounded as `cohort(_:)` rounds.
    public static func cohort(paired: Int, firstHundredths: Int, latestHundredths: Int) -> Cohort {
        guard paired > 0 else { return .nobody }
        let count = Decimal(paired) * 100
        let first = Decimal(firstHundredths) / count
        let latest = Decimal(latestHundredths) / count
        return Cohort(
            paired: paired, meanFirst: SROI.round(first, 2), meanLatest: SROI.round(latest, 2),
            meanChange: SROI.round(latest - first, 2))
    }

    public static func cohort(_ readings: [Reading]) -> Cohort {
        let pairs = Array(changes(readings).values)
        guard !pairs.isEmpty else { return .nobody }
        let count = Decimal(pairs.count)
        let first = pairs.reduce(Decimal(0)) { $0 + $1.first } / count
        let latest = pairs.reduce(Decimal(0)) { $0 + $1.latest } / count
        return Cohort(
            paired: pairs.count, meanFirst: SROI.round(first, 2), meanLatest: SROI.round(latest, 2),
            meanChange: SROI.round(latest - first, 2))
    }
}
