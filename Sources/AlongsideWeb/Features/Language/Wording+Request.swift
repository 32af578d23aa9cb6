import AlongsideCore
import AlongsideStore
import FluentKit
import Vapor

extension Application {
    private struct StringsKey: StorageKey { typealias Value = StringCatalog }
    private struct CouncilWordingKey: StorageKey { typealias Value = CouncilWordingCache }

    /// The string catalog, read from `Resources/Strings` when the application is configured.
    var strings: StringCatalog {
        get { storage[StringsKey.self] ?? .empty }
        set { storage[StringsKey.self] = newValue }
    }

    /// Councils' own reviewed wording, kept until the council's `wordingVersion` moves on.
    var councilWording: CouncilWordingCache {
        if let cache = storage[CouncilWordingKey.self] { return cache }
        let cache = CouncilWordingCache()
        storage[CouncilWordingKey.self] = cache
        return cache
    }

    /// English words, for work outside a request (commands, reminders).
    var englishWording: Wording { Wording(catalog: strings) }
}

extension Request {
    private struct WordingKey: StorageKey { typealias Value = Wording }

    /// The words this request is answered in (set by `LanguageMiddleware`; English before that).
    var wording: Wording {
        get { storage[WordingKey.self] ?? application.englishWording }
        set { storage[WordingKey.self] = newValue }
    }
}

/// Each council's own wording, loaded once per version: a request compares the version on the
/// council's row (already read) with the cached one, so unchanged wording costs no query, and a
/// change made through another server is picked up on the next request.
final class CouncilWordingCache: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [Council.ID: (version: Int, wording: [Language: [String: Phrase]])] = [:]

    func wording(for council: Council, on db: any Database) async throws -> [Language: [String: Phrase]] {
        if let cached = lock.withLock({ loaded[council.id] }), cached.version == council.wordingVersion {
            return cached.wording
        }
        let wording = try await Stores(db, council: council.id).wording.overrides()
        lock.withLock { loaded[council.id] = (council.wordingVersion, wording) }
        return wording
    }
}
