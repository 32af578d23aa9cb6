import AlongsideCore
import Leaf
import Vapor

/// `#t("key", value…)` in a template: the catalog's text for the key in the request's language,
/// placeholders filled in order. Escaped like any other value (catalog texts are never HTML).
struct WordingTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw Abort(.internalServerError, reason: "#t needs a catalog key as its first parameter")
        }
        let wording = ctx.request?.wording ?? Wording.current
        let values = ctx.parameters.dropFirst().map { $0.string ?? "" }
        return .string(wording.text(key, values))
    }
}
