import AlongsideCore
import AlongsideStore

/// The words of an audit entry, in the reader's language. The log stores what was done as a catalog key and
/// its values (issue 23); every page, export and CSV that shows an entry words it here, when it is read. An
/// entry written before the log held codes shows its words as written; a key the catalog does not know shows
/// the key itself (and its values), never an error.
enum AuditWording {
    static func words(_ detail: AuditEntry.Detail) -> String {
        if let written = detail.written { return written }
        // From the shipped catalog only, never the council's own wording: an override would change what
        // every past entry of the append-only log says.
        let shipped = Self.shipped
        return Wording.$chosen.withValue(shipped) { words(detail, shipped) }
    }

    /// An entry's reason as written, except the marker erasure leaves in a search's reason
    /// (`AuditStore.redactedSearch`), which is worded in the reader's language from the shipped catalog.
    static func reason(_ reason: String?) -> String? {
        guard reason == AuditStore.redactedSearch else { return reason }
        let wording = Self.shipped
        return wording("audit.page.search-removed-erased")
    }

    /// The reader's language from the shipped catalog only, never the council's own wording: an override
    /// would change what every past entry of the append-only log says.
    private static var shipped: Wording {
        let current = Wording.current
        return Wording(catalog: current.catalog, language: current.language, offered: current.offered)
    }

    private static func words(_ detail: AuditEntry.Detail, _ wording: Wording) -> String {
        guard wording.catalog.phrase(detail.code, in: .english) != nil else {
            return detail.values.isEmpty ? detail.code : "\(detail.code) (\(detail.values.joined(separator: ", ")))"
        }
        // Values that are codes (a proxy's kind, a role, where an introduction came from) are worded too.
        var values = detail.values
        var listed: [String] = []
        func word(_ index: Int, _ words: (String) -> String?) {
            if values.indices.contains(index), let worded = words(values[index]) { values[index] = worded }
        }
        switch detail.code {
        case "sroi.audit.proxy":
            word(0) { RecordedOutcome.Kind(rawValue: $0)?.label }
            word(1) { Money.number($0).map(Money.text) }
        case "people.entry.corrected", "people.entry.struck-out":
            word(0) { Correction.Entry(rawValue: $0)?.label }
        case "people.page.recorded-an-introduction", "api.message.recorded-an-introduction-api",
            "introduce.form.introduced-on-the-public-page":
            word(0) { IntroductionSource(rawValue: $0)?.label }
        case "staff.page.changed-role", "staff.command.changed-role":
            word(1) { Role(rawValue: $0)?.title }
            word(2) { Role(rawValue: $0)?.title }
        case "staff.invite.audit", "staff.command.invited":
            word(1) { Role(rawValue: $0)?.title }
        case "audit.page.searched-the-audit-log", "audit.page.exported-the-audit-log":
            // The filters searched by, as typed ("from=1/7/2026"), after the words. The person searched for is
            // in the entry's reason (entries written before issue 23's erasure fix also list "person=…" here).
            (listed, values) = (values, [])
        default: break
        }
        var text = wording.text(detail.code, values)
        if !listed.isEmpty { text += ": " + listed.joined(separator: ", ") }
        if detail.viaAPI { text += " (API)" }
        return text
    }
}

extension AuditEntry {
    /// What was done, worded for the reader (`AuditWording.words`).
    var words: String { AuditWording.words(detail) }
}
