import Foundation
import Testing

/// The stylesheet is read by every page: one stray brace and the browser drops the rules after it
/// (a `}` too many once silently switched off the rule that wraps long addresses on a phone).
@Suite("The stylesheet")
struct StylesheetTests {
    @Test func everyBlockThatOpensCloses() throws {
        let css = try String(
            contentsOf: URL(fileURLWithPath: packageRoot).appendingPathComponent("Public/css/alongside.css"),
            encoding: .utf8)
        var depth = 0
        var line = 1
        var inComment = false
        var previous: Character = " "
        for character in css {
            if character == "\n" { line += 1 }
            if inComment {
                if previous == "*" && character == "/" { inComment = false }
            } else if previous == "/" && character == "*" {
                inComment = true
            } else if character == "{" {
                depth += 1
            } else if character == "}" {
                depth -= 1
                #expect(depth >= 0, "a } with nothing to close on line \(line)")
                if depth < 0 { return }
            }
            previous = character
        }
        #expect(depth == 0, "\(depth) blocks left open")
    }
}
