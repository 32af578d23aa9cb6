import AlongsideCore
import Foundation
import SQLiteNIO

/// SQLite keeps ids as text (as Fluent first wrote them: upper-case 8-4-4-4-12). Without this, every id read
/// went through `UUID(uuidString:)`, which Foundation parses with `sscanf`: 8% of a 200-person caseload's
/// time (perf, docs/BENCHMARKS.md). Read and written here directly, in the same text, for every SQLite read
/// and write (SQLKit's and Fluent's alike). A 16-byte blob is read too.
extension UUID: @retroactive SQLiteDataConvertible {
    public init?(sqliteData: SQLiteData) {
        switch sqliteData {
        case .text(let text): self.init(text: text)
        case .blob(let blob) where blob.readableBytes == 16:
            guard let bytes = blob.getBytes(at: blob.readerIndex, length: 16) else { return nil }
            self.init(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                    bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                ))
        default: return nil
        }
    }

    public var sqliteData: SQLiteData? { .text(text) }
}
