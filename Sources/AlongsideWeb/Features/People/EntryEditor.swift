import AlongsideCore
import AlongsideStore
import Foundation
import Leaf
import Vapor

/// The "correct this" and "strike it out" forms under an entry on a person's record, written in Swift
/// (escaped by construction) from the entry's `RecordEntry` fields, so every kind of entry gets the same
/// forms. Shown only to whoever may correct it.
struct EntryEditor {
    let person: Person
    let staff: SignedInStaff
    let csrf: String
    let now: Date
    /// The form just refused: its typed values and problems come back, and it opens again.
    let posted: [String: String]
    let fieldErrors: [String: String]
    /// The box of a date each problem is about, by field.
    var parts: [String: String] = [:]
    let wording: Wording

    /// The forms for one entry, or nil when this member of staff may not correct it.
    func markup(_ entry: Correction.Entry, _ state: EntryState?) -> String? {
        guard let state, let spec = RecordEntry.of(entry) else { return nil }
        let allowed =
            staff.may(.leadTeam) || state.recorderID == staff.member.id
            || (state.recorderID == nil && person.coordinatorID == staff.member.id)
        guard allowed else { return nil }
        let key = state.id.uuidString
        let refused = posted["correcting"] == key
        let striking = posted["striking"] == key
        let base = SitePath.person(.value(person.id), .entry(.value(entry), .value(state.id))).path
        let needsReason = Correction.needsReason(recordedAt: state.recordedAt, now: now)
        func error(_ field: String, when open: Bool) -> HTML {
            guard open, let message = fieldErrors[field] else { return "" }
            return
                "<p class=\"error-message\" id=\"\(entry.rawValue)-\(field)-\(key)-error\"><span class=\"visually-hidden\">\(wording("common.error"))</span> \(message)</p>"
        }
        // A declined reading has no answers to correct (it is struck out and taken again).
        let shownFields = spec.fields.filter { $0.kind != .answers || !(state.values[$0.name] ?? "").isEmpty }
        let fields: [HTML] = shownFields.map { field in
            let id = "\(entry.rawValue)-\(field.name)-\(key)"
            let stored = state.values[field.name] ?? ""
            let value = refused ? posted[field.name] ?? "" : stored
            let invalid = refused && fieldErrors[field.name] != nil
            let control: HTML
            switch field.kind {
            case .text(let limit, _):
                control =
                    limit > 300
                    ? "<textarea id=\"\(id)\" name=\"\(field.name)\" rows=\"3\">\(value)</textarea>"
                    : "<input id=\"\(id)\" name=\"\(field.name)\" type=\"text\" maxlength=\"\(limit)\" value=\"\(value)\">"
            case .day(let required, _):
                // A date is its own fieldset of three boxes, with its legend, hint and problem.
                let errors =
                    refused ? fieldErrors.map { FormError(field: $0.key, message: $0.value, part: parts[$0.key]) } : []
                return DateField(
                    id: id, name: field.name, legend: field.label, optional: !required, iso: stored.nonEmpty,
                    posted: refused ? posted : nil, errors: errors
                ).markup
            case .answers:
                let shown = refused ? value : value.replacingOccurrences(of: ",", with: ", ")
                control =
                    "<input id=\"\(id)\" name=\"\(field.name)\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" value=\"\(shown)\">"
            case .choice, .whole:
                let options: [HTML] = spec.options(field).map { code in
                    "<option value=\"\(code)\"\(if: code == value, " selected")>\(spec.optionLabel(field, code))</option>"
                }
                control = "<select id=\"\(id)\" name=\"\(field.name)\">\(options)</select>"
            }
            let hint: HTML =
                switch field.kind {
                case .answers:
                    " <span class=\"optional\">\(wording("people.entry.answers-hint", String(MeasureKind(rawValue: state.values["kind"] ?? "")?.answerCount ?? 0)))</span>"
                default: ""
                }
            return """
                <div class="field\(if: invalid, " field-error")"><label for="\(id)">\(field.label)\(hint)</label>\(error(field.name, when: refused))\(control)</div>
                """
        }
        let reasonID = "\(entry.rawValue)-reason-\(key)"
        let strikeID = "\(entry.rawValue)-strike-\(key)"
        let optional: HTML = needsReason ? "" : " <span class=\"optional\">\(wording("common.optional"))</span>"
        let html: HTML = """
            <details class="form-details entry-correction"\(if: refused, " open")><summary>\(wording("people.entry.correct-this"))<span class="visually-hidden">: \(spec.entry.label)</span></summary>
            <form method="post" action="\(base)" novalidate><input type="hidden" name="csrf" value="\(csrf)"><input type="hidden" name="version" value="\(state.version)">
            \(fields)<div class="field\(if: refused && fieldErrors["reason"] != nil, " field-error")"><label for="\(reasonID)">\(wording("people.show.why-correct"))\(optional)</label>\(error("reason", when: refused))<input id="\(reasonID)" name="reason" type="text" maxlength="500" value="\(refused ? posted["reason"] ?? "" : "")"></div>
            <button type="submit" class="button button-secondary">\(wording("people.show.save-correction"))</button></form></details>
            <details class="form-details entry-correction"\(if: striking, " open")><summary>\(wording("people.show.strike-out"))<span class="visually-hidden">: \(spec.entry.label)</span></summary>
            <form method="post" action="\(base)/strike" novalidate><input type="hidden" name="csrf" value="\(csrf)"><input type="hidden" name="version" value="\(state.version)">
            <p class="hint">\(wording("people.entry.strike-out-hint"))</p>
            <div class="field\(if: striking && fieldErrors["reason"] != nil, " field-error")"><label for="\(strikeID)">\(wording("people.show.why-strike-out"))</label>\(error("reason", when: striking))<input id="\(strikeID)" name="reason" type="text" maxlength="500" value="\(striking ? posted["reason"] ?? "" : "")"></div>
            <button type="submit" class="button button-warning">\(wording("people.entry.strike-out-now"))</button></form></details>
            """
        return html.markup
    }
}

/// `#markup(value)`: markup made in Swift with `HTML` (escaped by construction), put into a Leaf page as it
/// is. Only for values a page context made with `HTML`; never for text from a request or the database.
struct MarkupTag: UnsafeUnescapedLeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        .string(ctx.parameters.first?.string ?? "")
    }
}
