import Foundation

/// Lays out a person's relationship map: the person at the centre, the people in their life on three
/// rings, closer people nearer. Pure geometry, so the picture is the same every time for the same list.
public enum RelationshipMap {
    public struct Node: Sendable, Equatable, Codable {
        public let name: String
        public let kindLabel: String
        public let kind: String
        public let closeness: Int
        public let x: Double
        public let y: Double
        public let labelX: Double
        public let labelY: Double
        public let anchor: String
    }

    public static let size = 400.0
    public static let centre = 200.0
    public static func radius(for closeness: PersonInLife.Closeness) -> Double {
        switch closeness {
        case .close: return 70
        case .inBetween: return 125
        case .further: return 175
        }
    }

    public static func layout(_ people: [PersonInLife]) -> [Node] {
        var nodes: [Node] = []
        for closeness in PersonInLife.Closeness.allCases {
            let ring = people.filter { $0.closeness == closeness }
                .sorted { ($0.addedAt, $0.name) < ($1.addedAt, $1.name) }
            let r = radius(for: closeness)
            // Offset each ring so labels on neighbouring rings do not line up.
            let offset = Double(closeness.rawValue) * 0.35 - .pi / 2
            for (index, person) in ring.enumerated() {
                let angle = offset + 2 * .pi * Double(index) / Double(max(ring.count, 1))
                let x = centre + r * cos(angle)
                let y = centre + r * sin(angle)
                let right = cos(angle) >= 0
                nodes.append(
                    Node(
                        name: person.name.count > 20 ? String(person.name.prefix(19)) + "…" : person.name,
                        kindLabel: person.kind.label, kind: person.kind.rawValue,
                        closeness: closeness.rawValue, x: rounded(x), y: rounded(y),
                        labelX: rounded(x + (right ? 11 : -11)), labelY: rounded(y + 4),
                        anchor: right ? "start" : "end"))
            }
        }
        return nodes
    }

    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
