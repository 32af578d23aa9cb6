import Foundation

/// Reads a postcode → ward table in the ONS postcode directory layout: a header row naming the
/// columns, `pcds` for the postcode and a ward code column (`osward`, `wd24cd`, `wd23cd`, … or
/// `ward_code`). Other columns are ignored. Any bad line rejects the whole file.
public enum PostcodeDirectory {
    public struct Entry: Hashable, Sendable {
        public let postcode: Postcode
        public let wardCode: String
        /// The postcode's centroid, when the file has `lat` and `long` columns.
        public let latitude: Double?
        public let longitude: Double?

        public init(postcode: Postcode, wardCode: String, latitude: Double? = nil, longitude: Double? = nil) {
            self.postcode = postcode
            self.wardCode = wardCode
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    /// Ward columns we recognise, most preferred first.
    static func wardColumn(in header: [String]) -> Int? {
        let names = header.map { $0.lowercased() }
        if let index = names.firstIndex(of: "osward") { return index }
        let yearly = names.enumerated().filter { isYearlyWardColumn($0.element) }
            .sorted { $0.element > $1.element }
        if let newest = yearly.first { return newest.offset }
        return names.firstIndex(of: "ward_code") ?? names.firstIndex(of: "wardcode")
    }

    static func isYearlyWardColumn(_ name: String) -> Bool {
        name.count == 6 && name.hasPrefix("wd") && name.hasSuffix("cd")
            && name.dropFirst(2).prefix(2).allSatisfy(\.isNumber)
    }

    /// Parses the whole text. Throws a `FileProblem` naming the first bad line.
    public static func parse(_ text: String) throws(FileProblem) -> [Entry] {
        var lines = CSV.rows(text).enumerated().makeIterator()
        guard let (_, header) = lines.next(), !header.isEmpty else {
            throw FileProblem(line: 1, .noPostcodeHeader)
        }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let postcodeColumn = names.firstIndex(of: "pcds") else {
            throw FileProblem(line: 1, .noPostcodeColumn)
        }
        guard let wardColumn = wardColumn(in: names) else {
            throw FileProblem(line: 1, .noWardColumn)
        }
        let latitudeColumn = names.firstIndex(of: "lat")
        let longitudeColumn = names.firstIndex(of: "long")
        var entries: [Entry] = []
        var seen: [Postcode: Int] = [:]
        while let (index, row) = lines.next() {
            let lineNumber = index + 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard row.count > max(postcodeColumn, wardColumn) else {
                throw FileProblem(line: lineNumber, .columnCount(expected: header.count, found: row.count))
            }
            let rawPostcode = row[postcodeColumn]
            guard let postcode = Postcode(rawPostcode) else {
                throw FileProblem(line: lineNumber, .notAPostcode(rawPostcode))
            }
            let wardCode = row[wardColumn].trimmingCharacters(in: .whitespaces).uppercased()
            guard Ward.isValidCode(wardCode) else {
                throw FileProblem(line: lineNumber, .notAWardCode(row[wardColumn]))
            }
            if let earlier = seen[postcode] {
                throw FileProblem(line: lineNumber, .repeatedPostcode(postcode.description, earlierLine: earlier))
            }
            seen[postcode] = lineNumber
            var latitude: Double? = nil
            var longitude: Double? = nil
            if let latitudeColumn, let longitudeColumn, row.count > max(latitudeColumn, longitudeColumn) {
                let rawLatitude = row[latitudeColumn].trimmingCharacters(in: .whitespaces)
                let rawLongitude = row[longitudeColumn].trimmingCharacters(in: .whitespaces)
                if !rawLatitude.isEmpty || !rawLongitude.isEmpty {
                    // ONS marks postcodes without a grid reference with latitude 99.999999.
                    guard let lat = Double(rawLatitude), let long = Double(rawLongitude), (-180...180).contains(long)
                    else {
                        throw FileProblem(
                            line: lineNumber, .notALocation(latitude: rawLatitude, longitude: rawLongitude))
                    }
                    if (-90...90).contains(lat) {
                        latitude = lat
                        longitude = long
                    }
                }
            }
            entries.append(Entry(postcode: postcode, wardCode: wardCode, latitude: latitude, longitude: longitude))
        }
        return entries
    }
}

/// A small RFC 4180 reader: commas, double-quoted fields with "" escapes, CRLF or LF line ends.
public enum CSV {
    public static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": inQuotes = true
            case ",":
                row.append(field)
                field = ""
            case "\r": continue
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
