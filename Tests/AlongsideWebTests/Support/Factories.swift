import AlongsideCore
import AlongsideStore
import Vapor

@testable import AlongsideWeb

let testPassword = "correct horse battery staple"

/// Builds councils, staff and wards straight through the stores.
struct Factory {
    let app: Application

    @discardableResult
    func council(_ slug: String = "testshire", name: String = "Testshire Council") async throws -> Council {
        try await CouncilStore(app.db).create(slug: slug, name: name)
    }

    @discardableResult
    func staff(
        _ council: Council, _ role: Role, email: String? = nil, name: String? = nil, password: String = testPassword
    ) async throws -> StaffMember {
        let hash = try await app.password.async.hash(password)
        let email = email ?? "\(role.rawValue).\(UUID().uuidString.prefix(6).lowercased())@\(council.slug).example"
        return try await StaffStore(app.db).create(
            councilID: council.id, email: email, name: name ?? "Test \(role.title)", role: role, passwordHash: hash)
    }

    @discardableResult
    func ward(_ council: Council, code: String, name: String, coordinator: StaffMember? = nil) async throws -> Ward {
        let store = WardStore(app.db, councilID: council.id)
        let ward = try await store.create(code: code, name: name)
        if let coordinator {
            try await store.assign(ward.id, to: coordinator.id, by: nil, at: Date(timeIntervalSince1970: 1_780_000_000))
        }
        return ward
    }
}
