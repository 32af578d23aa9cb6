import Foundation

/// Lays out a person's relationship map: the person at the centre, the people in their life on three
/// rings, closer people nearer. Pure geometry, so the picture is the same every time for the same list.
public enum RelationshipMap {
    public struct Node: Sendable, Equatable, Codable {
        /// The name on the map: shortened past `nameLimit` characters (the full name is in the table below it).
        public let name: String
        public let fullName: String
        public let kindLabel: String
        public let kind: String
        public let closeness: Int
        public let x: Double
        public let y: Double
        /// The label sits outside the rings, in a column on the node's side, joined to the node by a line.
        public let labelX: Double
        public let labelY: Double
        public let anchor: String
        /// Where the line from the node to its label ends.
        public let lineX: Double
        public let lineY: Double
    }

    public static let size = 400.0
    public static let centre = 200.0
    /// Longer names are shortened on the map.
    public static let nameLimit = 16
    /// The space between two labels in a column, so none overlaps the next.
    public static let labelGap = 26.0
    /// How far from the centre the label columns are: just outside the outer ring.
    public static let labelColumn = 195.0

    public static func radius(for closeness: PersonInLife.Closeness) -> Double {
        switch closeness {
        case .close: return 70
        case .inBetween: return 125
        case .further: return 175
        }
    }

    /// The picture's box (`viewBox`): wide enough for the label columns on both sides, tall enough for the
    /// longer column of labels.
    public static func viewBox(_ nodes: [Node]) -> String {
        // A label's width estimated from its length (the stylesheet sets the labels at 20px): wide enough that
        // none is cut off, no wider, so the map is as large as the space allows.
        func width(_ node: Node) -> Double { Double(node.name.count) * 20 * 0.6 }
        let left = min(-10, nodes.filter { $0.anchor == "end" }.map { $0.labelX - width($0) }.min() ?? 0) - 5
        let right = max(size + 10, nodes.filter { $0.anchor == "start" }.map { $0.labelX + width($0) }.max() ?? 0) + 5
        let bottom = max(size + 10, (nodes.map(\.labelY).max() ?? 0) + 15)
        return "\(Int(left.rounded(.down))) -10 \(Int((right - left).rounded(.up))) \(Int(bottom.rounded(.up)) + 10)"
    }

    public static func layout(_ people: [PersonInLife]) -> [Node] {
        struct Placed {
            let person: PersonInLife
            let closeness: PersonInLife.Closeness
            let x: Double
            let y: Double
            let right: Bool
        }
        var placed: [Placed] = []
        for closeness in PersonInLife.Closeness.allCases {
            let ring = people.filter { $0.closeness == closeness }
                .sorted { ($0.addedAt, $0.name) < ($1.addedAt, $1.name) }
            let r = radius(for: closeness)
            // Offset each ring so nodes on neighbouring rings do not line up.
            let offset = Double(closeness.rawValue) * 0.35 - .pi / 2
            for (index, person) in ring.enumerated() {
                let angle = offset + 2 * .pi * Double(index) / Double(max(ring.count, 1))
                let x = centre + r * cos(angle)
                placed.append(
                    Placed(
                        person: person, closeness: closeness, x: x, y: centre + r * sin(angle), right: x >= centre))
            }
        }
        // Each side's labels in a column outside the rings, in the order of their nodes from top to bottom,
        // each at its node's height unless that would overlap the one above.
        var labelY: [Int: Double] = [:]
        for right in [true, false] {
            let side = placed.indices.filter { placed[$0].right == right }.sorted {
                (placed[$0].y, placed[$0].x) < (placed[$1].y, placed[$1].x)
            }
            var previous = -Double.infinity
            for index in side {
                let y = max(placed[index].y + 6, previous + labelGap, 12)
                labelY[index] = y
                previous = y
            }
        }
        return placed.enumerated().map { index, node in
            let y = labelY[index] ?? node.y
            let columnX = node.right ? centre + labelColumn : centre - labelColumn
            let name = node.person.name
            return Node(
                name: name.count > nameLimit ? String(name.prefix(nameLimit - 1)) + "…" : name, fullName: name,
                kindLabel: node.person.kind.label, kind: node.person.kind.rawValue,
                closeness: node.closeness.rawValue, x: rounded(node.x), y: rounded(node.y),
                labelX: rounded(columnX + (node.right ? 6 : -6)), labelY: rounded(y),
                anchor: node.right ? "start" : "end", lineX: rounded(columnX), lineY: rounded(y - 6))
        }
    }

    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
