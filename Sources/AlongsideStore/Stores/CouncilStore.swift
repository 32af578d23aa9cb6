import AlongsideCore
import FluentKit
import Foundation

/// Councils on this deployment.
public struct CouncilStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    public func create(slug: String, name: String) async throws -> Council {
        let slug = slug.trimmingCharacters(in: .whitespaces).lowercased()
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Council.isValidSlug(slug) else {
            throw AlongsideError.invalid(
                field: "slug", message: "Use 2 to 40 lower-case letters, digits or hyphens, starting with a letter.")
        }
        guard !name.isEmpty else { throw AlongsideError.invalid(field: "name", message: "Enter the council's name.") }
        if try await find(slug: slug) != nil {
            throw AlongsideError.conflict(message: "A council with the slug \(slug) already exists.")
        }
        let model = CouncilModel(slug: slug, name: name)
        try await model.create(on: database)
        return try model.council()
    }

    public func find(slug: String) async throws -> Council? {
        try await CouncilModel.query(on: database).filter(\.$slug == slug.lowercased()).first()?.council()
    }

    public func find(_ id: Council.ID) async throws -> Council? {
        try await CouncilModel.find(id.uuid, on: database)?.council()
    }

    public func all() async throws -> [Council] {
        try await CouncilModel.query(on: database).sort(\.$name).all().map { try $0.council() }
    }
}
