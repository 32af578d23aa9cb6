import FluentKit
import Foundation
import NIOCore

/// Where every record's id comes from: random UUIDs in production, a counting generator in tests so pages
/// and answers come out the same on every run (AppConfig's `ids`, beside its clock `now`).
///
/// It is installed on the database (`RecordIDs.install(on:)`, a Fluent model middleware): a Fluent model
/// created without an id takes the next one, and a store that writes rows with SQLKit, or needs an id before
/// it writes, asks its database (`database.newID()`). Secrets (session ids, form tokens, API tokens, one-time
/// links, two-step secrets) never come from here: they are drawn from the system's secure random source,
/// so a guessable generator in tests cannot make them guessable anywhere else.
public struct RecordIDs: Sendable {
    private let make: @Sendable () -> UUID

    public init(_ make: @escaping @Sendable () -> UUID) { self.make = make }

    /// Random (version 4) UUIDs: production's ids.
    public static let random = RecordIDs { UUID() }

    public func next() -> UUID { make() }

    /// Ids `NNNNNNNN-PPPP-0000-0000-000000000000`: counting N from 1 in phase P. `startPhase(_:)` starts
    /// counting again under a new phase, so ids made after it do not move when something before it (a new
    /// migration) makes one more or fewer. The count comes first, so ids sort in the order they were made (on
    /// SQLite and PostgreSQL alike) and differ in their first eight characters, as random ones almost always
    /// do (an introduction's reference is those eight).
    public final class Counting: @unchecked Sendable {
        private let lock = NSLock()
        private var phase = 0
        private var count = 0

        public init() {}

        public var ids: RecordIDs { RecordIDs { self.next() } }

        public func next() -> UUID {
            lock.lock()
            count += 1
            let id = Self.id(phase: phase, count)
            lock.unlock()
            return id
        }

        public func startPhase(_ phase: Int) {
            lock.lock()
            self.phase = phase
            count = 0
            lock.unlock()
        }

        /// The `count`th id of `phase`.
        public static func id(phase: Int, _ count: Int) -> UUID {
            let text = String(format: "%08X-%04X-0000-0000-000000000000", count & 0xFFFF_FFFF, phase & 0xFFFF)
            return UUID(uuidString: text)!
        }
    }

    /// Gives every Fluent model created on `databases`' default database without an id the next of these.
    public func install(on databases: Databases) {
        databases.middleware.use(Middleware(ids: self))
    }

    struct Middleware: AnyModelMiddleware {
        let ids: RecordIDs

        func handle(
            _ event: ModelEvent, _ model: any AnyModel, on db: any Database, chainingTo next: any AnyModelResponder
        ) -> EventLoopFuture<Void> {
            if case .create = event, let model = model as? any Model { fill(model) }
            return next.handle(event, model, on: db)
        }

        private func fill<M: Model>(_ model: M) {
            guard model.id == nil, M.IDValue.self == UUID.self, let id = ids.next() as? M.IDValue else { return }
            model.id = id
        }
    }
}

extension Database {
    /// The ids this database's records take (see `RecordIDs`): random unless the application set others.
    public var recordIDs: RecordIDs {
        for middleware in context.configuration.middleware {
            if let installed = middleware as? RecordIDs.Middleware { return installed.ids }
        }
        return .random
    }

    /// A new record's id.
    public func newID() -> UUID { recordIDs.next() }
}
