import Foundation

/// A financial proxy: what one outcome of a kind is worth, where the figure comes from, and the
/// default SROI assumptions for it. Councils edit their own; Alongside ships a small starter set.
public struct Proxy: Codable, Sendable, Equatable {
    public var kind: RecordedOutcome.Kind
    public var value: Decimal
    public var unit: String
    public var source: String
    public var priceYear: Int
    public var deadweight: Decimal
    public var displacement: Decimal
    public var attribution: Decimal
    public var durationYears: Int
    public var dropOff: Decimal

    public init(
        kind: RecordedOutcome.Kind, value: Decimal, unit: String, source: String, priceYear: Int,
        deadweight: Decimal = Decimal(string: "0.25")!, displacement: Decimal = 0,
        attribution: Decimal = Decimal(string: "0.3")!, durationYears: Int = 1,
        dropOff: Decimal = Decimal(string: "0.5")!
    ) {
        self.kind = kind
        self.value = value
        self.unit = unit
        self.source = source
        self.priceYear = priceYear
        self.deadweight = deadweight
        self.displacement = displacement
        self.attribution = attribution
        self.durationYears = durationYears
        self.dropOff = dropOff
    }
}

public enum ProxyLibrary {
    static var indicative: String {
        Wording.current("sroi.page.indicative-starter-value-check-and-replace")
    }
    static var licensed: String {
        Wording.current("sroi.page.no-value-bundled-wellbeing-values-such")
    }

    /// The price year of each starter value (PSSRU's GP consultation is in 2013 prices; the indicative
    /// values in 2019 prices); life outcomes, which carry no starter value, are given 2019 until a council
    /// sets its own value and year.
    public static var starterYears: [RecordedOutcome.Kind: Int] {
        var years: [RecordedOutcome.Kind: Int] = [:]
        for kind in RecordedOutcome.Kind.allCases { years[kind] = kind == .gpAppointment ? 2013 : 2019 }
        return years
    }

    /// The starter set. Life outcomes carry no value until a council adds its own licensed one.
    public static var starter: [Proxy] {
        [
            Proxy(
                kind: .gpAppointment, value: 45, unit: Wording.current("sroi.page.gp-consultation"),
                source: Wording.current("sroi.page.pssru-unit-costs-of-health-and"),
                priceYear: 2013),
            Proxy(
                kind: .aAndE, value: 160, unit: Wording.current("sroi.page.a-e-attendance"), source: indicative,
                priceYear: 2019),
            Proxy(
                kind: .hospitalAdmission, value: 2_000, unit: "non-elective admission", source: indicative,
                priceYear: 2019),
            Proxy(
                kind: .socialCareAssessment, value: 300, unit: "adult social care assessment", source: indicative,
                priceYear: 2019),
            Proxy(
                kind: .carePackage, value: 10_000, unit: "care package, one year", source: indicative, priceYear: 2019,
                durationYears: 2),
            Proxy(
                kind: .safeguardingConcern, value: 1_000, unit: "safeguarding enquiry", source: indicative,
                priceYear: 2019),
            Proxy(kind: .eviction, value: 7_000, unit: "eviction and rehousing", source: indicative, priceYear: 2019),
            Proxy(
                kind: .mentalHealthReferral, value: 500, unit: "community mental health referral", source: indicative,
                priceYear: 2019),
            Proxy(
                kind: .outOfAreaPlacement, value: 50_000, unit: "out-of-area placement, one year", source: indicative,
                priceYear: 2019),
            Proxy(kind: .policeCallOut, value: 300, unit: "police call-out", source: indicative, priceYear: 2019),
        ]
            + RecordedOutcome.Kind.allCases.filter { !$0.isAvoidedEvent }.map {
                Proxy(kind: $0, value: 0, unit: "person", source: licensed, priceYear: 2019)
            }
    }

    /// The council's library: its own proxies where it has set them, the starter set otherwise.
    public static func merged(_ own: [Proxy]) -> [Proxy] {
        starter.map { base in own.first { $0.kind == base.kind } ?? base }
    }

    /// A model from counts of recorded outcomes: one outcome line per kind with a value and a count.
    public static func model(
        counts: [RecordedOutcome.Kind: Int], library: [Proxy], investment: Decimal,
        discountRate: Decimal = Decimal(string: "0.035")!, discountFirstYear: Bool = true
    ) -> SROI.Model {
        let outcomes = library.compactMap { proxy -> SROI.Outcome? in
            guard proxy.value > 0, let count = counts[proxy.kind], count > 0 else { return nil }
            return SROI.Outcome(
                name: proxy.kind.label, quantity: Decimal(count), proxyValue: proxy.value, deadweight: proxy.deadweight,
                displacement: proxy.displacement, attribution: proxy.attribution, durationYears: proxy.durationYears,
                dropOff: proxy.dropOff)
        }
        return SROI.Model(
            investment: investment, discountRate: discountRate, discountFirstYear: discountFirstYear, outcomes: outcomes
        )
    }
}
