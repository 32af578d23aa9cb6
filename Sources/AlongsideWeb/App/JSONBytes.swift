import Foundation
import NIOCore

/// JSON written straight into a `ByteBuffer` for the API's hottest answers, as `HTML` writes pages: what
/// Vapor's `JSONEncoder` gives (`.iso8601` dates, nil fields left out, `/` escaped), without going through
/// `Encodable`'s containers for every field of every row. Keys come in declaration order (Foundation's
/// encoder writes them in an order that changes from one process to the next). `JSONBytesTests` compares
/// the two on hostile values.
struct JSONBytes {
    var buffer: ByteBuffer

    init(capacity: Int) { buffer = ByteBufferAllocator().buffer(capacity: capacity) }

    /// Text that needs no escaping: punctuation and keys, written as they are.
    mutating func raw(_ text: StaticString) { buffer.writeStaticString(text) }

    /// `"key":` followed by the value, with a comma before it unless `first`.
    mutating func key(_ key: StaticString, first: Bool = false) {
        if !first { buffer.writeInteger(UInt8(ascii: ",")) }
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(key)
        buffer.writeStaticString("\":")
    }

    mutating func string(_ text: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard
                    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/")
                else { continue }
                if start < index {
                    buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<index])))
                }
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "/"): buffer.writeStaticString("\\/")
                case 0x08: buffer.writeStaticString("\\b")
                case 0x0C: buffer.writeStaticString("\\f")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                case 0x09: buffer.writeStaticString("\\t")
                default:
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(Self.hex[Int(byte >> 4)])
                    buffer.writeInteger(Self.hex[Int(byte & 0x0F)])
                }
            }
            if start < bytes.count {
                buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start...])))
            }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func int(_ value: Int) { buffer.writeString(String(value)) }

    mutating func bool(_ value: Bool) { buffer.writeStaticString(value ? "true" : "false") }

    /// A date as `JSONEncoder`'s `.iso8601` writes it: UTC, whole seconds (`2026-12-06T15:59:28Z`).
    mutating func date(_ date: Date) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // Years 1970–9999 are written by hand; anything else (never stored by Alongside) by Foundation.
        guard seconds >= 0, seconds < 253_402_300_800 else {
            string(date.formatted(.iso8601))
            return
        }
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        var digits: [UInt8] = Array(repeating: 0, count: 22)
        func put(_ value: Int32, at: Int, width: Int) {
            var value = value
            for offset in stride(from: width - 1, through: 0, by: -1) {
                digits[at + offset] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        digits[0] = UInt8(ascii: "\"")
        put(parts.tm_year + 1900, at: 1, width: 4)
        digits[5] = UInt8(ascii: "-")
        put(parts.tm_mon + 1, at: 6, width: 2)
        digits[8] = UInt8(ascii: "-")
        put(parts.tm_mday, at: 9, width: 2)
        digits[11] = UInt8(ascii: "T")
        put(parts.tm_hour, at: 12, width: 2)
        digits[14] = UInt8(ascii: ":")
        put(parts.tm_min, at: 15, width: 2)
        digits[17] = UInt8(ascii: ":")
        put(parts.tm_sec, at: 18, width: 2)
        digits[20] = UInt8(ascii: "Z")
        digits[21] = UInt8(ascii: "\"")
        buffer.writeBytes(digits)
    }

    /// An optional field as `Encodable`'s synthesised `encodeIfPresent` writes it: left out when nil.
    mutating func string(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }

    mutating func date(_ key: StaticString, _ value: Date?) {
        guard let value else { return }
        self.key(key)
        date(value)
    }

    mutating func int(_ key: StaticString, _ value: Int?) {
        guard let value else { return }
        self.key(key)
        int(value)
    }
}
